import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startPayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import type { DayReport } from '../../shared/api/day-schemas';
import { drain } from '../helpers/pay-fast';
import { payTraceCounterConfig, payTraceEnv, usBackoffice } from '../helpers/paytrace-harness';
import { pdfText } from '../helpers/pdf-text';
import { closeAfterEach, settled, startPayNlCounter } from '../helpers/provider-harness';
import { paidAtPayNl } from '../helpers/provider-tests';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

/**
 * End of day, "what the providers report": the close asks the providers used in the period for
 * their own figure (PayTrace: its transaction export; Pay.: Statistics:Management), stores it with
 * the Z beside Kassa's, and goes on without a provider that does not answer. Real SQLite, the
 * providers' wire-level fakes over loopback HTTP.
 */

const cleanups = closeAfterEach();

/** A reference of station C1 / C2 as Kassa makes them (`KS` + station + 20 characters). */
const stationRef = (station: string) => `KS${station}20261201120000${randomUUID().slice(0, 6).toUpperCase()}`;

async function payTraceCounter(options: { dayProviderTimeoutMs?: number } = {}) {
  const fake = await startPayTraceFake();
  cleanups.push(fake.close);
  const server = await usBackoffice(cleanups);
  const counter = await startTestEngine({
    dataDir: tempDir(),
    ...payTraceCounterConfig(server.url, payTraceEnv(fake)),
    ...options,
  });
  cleanups.push(() => counter.close());
  return { fake, counter };
}

async function charge(counter: TestEngine, minor: number) {
  const [invoice] = await counter.call('invoices.open', { customerId: 'cust-us-1001' });
  const started = await counter.call('payments.start', {
    requestId: randomUUID(),
    customerId: 'cust-us-1001',
    invoiceIds: [invoice?.id ?? ''],
    amount: { minor, currency: 'USD' },
    terminalId: 'paytrace-card',
  });
  const paid = await counter.waitForPayment(started.id, settled);
  expect(paid.status).toBe('approved');
  return paid;
}

describe('the providers’ own figures for the day', () => {
  it('the Z shows PayTrace’s figure for this station beside Kassa’s, the difference, and a reprint shows the same', async () => {
    const { fake, counter } = await payTraceCounter();
    const first = await charge(counter, 10_000);
    await charge(counter, 5_000);
    fake.settleBatch();
    await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: first.id,
      amount: { minor: 3_000, currency: 'USD' },
      kind: 'online',
      reason: 'Damaged in transit',
    });
    // PayTrace took a sale with this station's reference that Kassa has no record of, and one of station C2.
    const customer = { customerId: 'KASSA-US-1001', description: '' };
    fake.ledger.sale('card', { ...customer, amountMinor: 2_500, invoiceId: stationRef('C1') });
    fake.ledger.sale('card', { ...customer, amountMinor: 7_777, invoiceId: stationRef('C2') });

    // The live X never asks; asking is on request.
    const exportsBefore = fake.seen.filter((r) => r.path.includes('/export/')).length;
    expect((await counter.call('day.xReport', {})).providerCheck).toBeNull();
    expect(fake.seen.filter((r) => r.path.includes('/export/')).length).toBe(exportsBefore);

    await drain(counter.engine);
    const { report } = await counter.call('day.close', {});
    const usd = report.currencies.find((c) => c.currency === 'USD');
    expect(usd?.tenders).toEqual([expect.objectContaining({ terminalId: 'paytrace-card', reported: 'offered' })]);
    expect(usd?.netMinor).toBe(12_000);
    expect(report.providerCheck?.window).toEqual({ from: report.periodStart, to: report.closedAt });
    expect(report.providerCheck?.answers).toEqual([
      {
        provider: 'paytrace',
        state: 'reported',
        reason: null,
        scope: 'station',
        period: { from: report.periodStart, to: report.closedAt },
        figures: [
          {
            currency: 'USD',
            terminalId: 'paytrace-card',
            label: 'PayTrace — card on file',
            measure: 'net',
            expected: { count: 2, minor: 12_000 },
            reportedCount: 3,
            reportedMinor: 14_500,
            differenceMinor: 2_500,
          },
        ],
      },
    ]);
    // No secret of the provider's in what the screen gets.
    expect(JSON.stringify(report)).not.toContain(fake.credentials.password);

    // Later PayTrace activity changes nothing on the stored Z: the reprint shows what was said at the close.
    fake.ledger.sale('card', { ...customer, amountMinor: 9_900, invoiceId: stationRef('C1') });
    const reprint: DayReport = await counter.call('day.zReport', { number: report.number });
    expect(reprint).toEqual(report);
    const text = pdfText((await counter.call('day.zPdf', { number: report.number, language: 'en' })).base64);
    expect(text).toContain('Provider reports');
    expect(text).toMatch(/Kassa expects \$120\.00 — paytrace reports \$145\.00, difference \+\$25\.00/);
  });

  it('a provider that does not answer is "no answer" on the Z, and the close goes on after the configured timeout', async () => {
    const { fake, counter } = await payTraceCounter({ dayProviderTimeoutMs: 400 });
    await charge(counter, 4_200);
    await drain(counter.engine);
    fake.failNext(/\/export\/by_date_range$/, 'hold');
    // The held export never answers: the close completes on the short timeout alone (speed: `npm run bench`).
    const { report, day } = await counter.call('day.close', {});
    expect(day.state).toBe('closed');
    expect(report.providerCheck?.answers).toEqual([
      { provider: 'paytrace', state: 'no_answer', reason: 'timeout', scope: null, period: null, figures: [] },
    ]);
    expect((await counter.call('day.current', {})).day).toMatchObject({ number: report.number, state: 'closed' });
    expect(await counter.call('day.zReport', { number: report.number })).toEqual(report);
    const text = pdfText((await counter.call('day.zPdf', { number: report.number, language: 'nl' })).base64);
    expect(text).toContain('geen antwoord');
  });

  it('Pay.: the X asks on request; the whole account’s sales for the calendar day beside Kassa’s, or "not available" with the reason', async () => {
    const harness = await startPayNlCounter({ cleanups });
    const { counter, fake } = harness;
    await paidAtPayNl(harness, 1_250, 'TH-1000-0001');
    fake.statistics.other({ minor: 4_000, transactions: 2 });

    const x = await counter.call('day.askProviders', {});
    expect(x.kind).toBe('X');
    const today = x.providerCheck?.answers[0]?.period?.from ?? '';
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(x.providerCheck?.answers).toEqual([
      {
        provider: 'paynl',
        state: 'reported',
        reason: null,
        scope: 'account',
        period: { from: today, to: today },
        figures: [
          {
            currency: 'EUR',
            terminalId: null,
            label: 'paynl',
            measure: 'sales',
            expected: { count: 1, minor: 1_250 },
            reportedCount: 3,
            reportedMinor: 5_250,
            differenceMinor: 4_000,
          },
        ],
      },
    ]);
    const asked = fake.seen.find((r) => r.path === '/v2/statistics/management');
    expect(asked?.method).toBe('GET');
    expect(JSON.stringify(x)).not.toContain(fake.credentials.apiToken);

    // Pay. answers in words of its own (a proxy's HTML 403: the permission is not granted): no figure, the reason.
    fake.failNext(/statistics/, 'html');
    const refused = await counter.call('day.askProviders', {});
    expect(refused.providerCheck?.answers).toEqual([
      { provider: 'paynl', state: 'not_available', reason: 'http_403', scope: null, period: null, figures: [] },
    ]);

    // A volume that is not whole cents (40.005): no figure rounded into shape, the reason instead.
    fake.statistics.other({ minor: 4_000.5, transactions: 1 });
    const inexact = await counter.call('day.askProviders', {});
    expect(inexact.providerCheck?.answers).toEqual([
      { provider: 'paynl', state: 'not_available', reason: 'amount_not_exact', scope: null, period: null, figures: [] },
    ]);
  });
});
