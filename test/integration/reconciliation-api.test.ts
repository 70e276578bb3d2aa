import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { payOneInvoice, settled } from '../helpers/provider-harness';
import { vippsCounterPerTest } from '../helpers/provider-tests';

const { setup } = vippsCounterPerTest();
const PHONE = '+358 40 123 4567';
/** The UTC day: the test sets the shop's zone to UTC, so it is the report's day on any machine. */
const today = () => new Date().toISOString().slice(0, 10);

describe('Reconciliation through the API (MobilePay counter, Vipps fake over HTTP)', () => {
  it('matches a counter payment by the reference Vipps echoes, lists and resolves exceptions, reports and exports the day', async () => {
    const { counter, fake } = await setup({
      fake: { webhookMode: 'off' },
      engine: { reconciliation: { schedule: false, pageGapMs: 0 } },
    });
    // Without a shop zone, report days follow the machine's zone: pin it so `today()` is the report's day.
    expect(await counter.call('reconciliation.setTimeZone', { timeZone: 'UTC' })).toMatchObject({ timeZone: 'UTC' });
    const { started } = await payOneInvoice(counter, 2_500, 'mobilepay', PHONE);
    fake.approve(started.reference);
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
    // The ledger shows the captured payment (with its fee) and one Kassa never saw.
    fake.report.follow(() => fake.payments());
    fake.report.add({
      entryType: 'capture',
      reference: 'OUTSIDE-77',
      amountMinor: 990,
      feeMinor: 17,
      currency: 'EUR',
      ledgerDate: today(),
    });

    const run = await counter.call('reconciliation.importNow', {});
    // Every provider with settlement data is imported (the demo's Checkout.com and PayTrace fakes too,
    // with nothing settled); only the Vipps ledger has rows.
    expect(run.accounts.find((a) => a.provider === 'vipps')).toMatchObject({ ok: true, changed: 2 });
    expect(run.accounts.filter((a) => a.provider !== 'vipps')).toEqual(
      run.accounts.filter((a) => a.provider !== 'vipps').map((a) => ({ ...a, ok: true, changed: 0, error: null })),
    );
    expect(run.matched).toBe(1);
    const status = await counter.call('reconciliation.status', {});
    expect(status).toMatchObject({ running: false, openExceptions: 1 });
    expect(status.accounts.find((a) => a.provider === 'vipps')).toMatchObject({ rows: 2, lastError: null });

    const [unknown, ...others] = await counter.call('reconciliation.exceptions', { state: 'open' });
    expect(others).toEqual([]);
    expect(unknown).toMatchObject({
      kind: 'unknown_settlement',
      provider: 'vipps',
      reference: 'OUTSIDE-77',
      actualMinor: 990,
    });
    const refused = await counter.refusal('reconciliation.resolve', { id: 999_999, note: 'nothing here' });
    expect(refused.code).toBe('not_found');
    expect((await counter.refusal('reconciliation.resolve', { id: unknown?.id, note: '' })).code).toBe(
      'invalid_request',
    );
    const resolved = await counter.call('reconciliation.resolve', {
      id: unknown?.id ?? 0,
      note: 'Market stall, booked by hand.',
    });
    expect(resolved).toMatchObject({ note: 'Market stall, booked by hand.', autoResolved: false });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(await counter.call('reconciliation.exceptions', { state: 'open' })).toEqual([]);

    const report = await counter.call('reconciliation.report', { day: today() });
    expect(report.totals).toEqual([
      { currency: 'EUR', grossMinor: 3_490, feeMinor: 44 + 17, netMinor: 3_490 - 61, matched: 1, unmatched: 1 },
    ]);
    expect(report.rows.find((r) => r.paymentId === started.id)).toMatchObject({
      reference: started.reference,
      tender: 'mobile_request',
      grossMinor: 2_500,
      feeMinor: 44,
    });

    const csv = await counter.call('reconciliation.exportCsv', { day: today(), language: 'en' });
    expect(csv.fileName).toBe(`settlement-day-${today()}.csv`);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain(`,${started.reference},${started.id},25.00,0.44,24.56,EUR,yes`);
    expect(text).toContain('total,,,,,,,,,34.90,0.61,34.29,EUR,1/2');

    // A manager lowers MobilePay's fee ceiling below the 1.75 % it keeps: both fees are flagged at once
    // (the ceiling of 9.9 cents is whole cents in the list: 9).
    // Every imported provider has its defaults (the demo's Checkout.com and PayTrace too).
    expect(await counter.call('reconciliation.expectations', {})).toEqual([
      { provider: 'checkout', settleDays: 5, maxFeeBps: 400 },
      { provider: 'paytrace', settleDays: 3, maxFeeBps: 500 },
      { provider: 'vipps', settleDays: 4, maxFeeBps: 400 },
    ]);
    expect(
      (await counter.refusal('reconciliation.configure', { provider: 'nope', settleDays: 3, maxFeeBps: 100 })).code,
    ).toBe('not_found');
    expect(
      await counter.call('reconciliation.configure', { provider: 'vipps', settleDays: 3, maxFeeBps: 100 }),
    ).toEqual({
      provider: 'vipps',
      settleDays: 3,
      maxFeeBps: 100,
    });
    expect(await counter.call('reconciliation.exceptions', { state: 'open' })).toEqual([
      expect.objectContaining({
        kind: 'fee_out_of_range',
        reference: started.reference,
        expectedMinor: 25,
        actualMinor: 44,
      }),
      expect.objectContaining({ kind: 'fee_out_of_range', reference: 'OUTSIDE-77', expectedMinor: 9, actualMinor: 17 }),
    ]);

    const pdf = await counter.call('reconciliation.exportPdf', { day: today(), language: 'nl' });
    expect(pdf.fileName).toBe(`settlement-day-${today()}.pdf`);
    const words = pdfText(pdf.base64);
    expect(words).toContain(`Afrekeningsrapport, dag ${today()}`);
    expect(words).toMatch(/Totaal\s+EUR\s+€\s?34,90\s+€\s?0,61\s+€\s?34,29\s+1\/2/);
  }, 30_000);
});
