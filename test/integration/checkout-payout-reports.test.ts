import { describe, expect, it } from 'vitest';
import { createCheckoutClient } from '../../electron/core/payments/checkout/checkout-client';
import { checkoutFromEnvironment } from '../../electron/core/payments/checkout/checkout-config';
import { createCheckoutSettlements } from '../../electron/core/payments/checkout/settlements';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import type { SettlementSource } from '../../electron/core/settlement/settlement-row';
import type { PaymentDto } from '../../shared/api/schemas';
import { onlineRefund } from '../helpers/provider-tests';
import type { TestEngine } from '../helpers/test-engine';
import { type CheckoutHarness, checkoutCounterPerTest, specProblems } from './checkout-harness';
import { books, downloads, ENGINE, importPages, paidLink } from './checkout-payout-helpers';

/**
 * Checkout.com payout linkage: the settlement source reads the Reports API after the Financial
 * Actions API — "Financial Actions by Payout ID" CSVs give each action its payout id and day (in
 * place: same row, keyed by the action id), the "Payouts" CSV each payout's stated total — against
 * the fake over HTTP and the engine's real SQLite file.
 */

const { setup } = checkoutCounterPerTest();
const refundsSettled = (counter: TestEngine, paymentId: string) =>
  counter.waitForPayment(paymentId, (p: PaymentDto) =>
    p.refunds.every((r) => !['recorded', 'sent', 'pending'].includes(r.status)),
  );

/** Two payments (one partly refunded, two days earlier): three financial actions. */
async function threeActions(harness: CheckoutHarness) {
  const first = await paidLink(harness, 1500);
  const second = await paidLink(harness, 2500);
  await harness.counter.call('payments.refund', onlineRefund(first.id, 500, 'partly back'));
  await refundsSettled(harness.counter, first.id);
  harness.fake.backdate(first.providerRef ?? '', 2);
  return { first, second };
}

/** Like the import: pages stored until one fails; the error is returned instead of thrown. */
async function importUntilError(source: SettlementSource, store: ReturnType<typeof createSettlementRepository>) {
  try {
    await importPages(source, store);
    return null;
  } catch (error) {
    return String(error);
  }
}

describe('Checkout.com payouts from the Reports API', () => {
  it('fills the payout id and payout day into the rows the Financial Actions API stored, in place; a second import changes nothing', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter } = harness;
    await threeActions(harness);
    const { db, rows } = books(counter);

    const before = await counter.call('reconciliation.importNow', {});
    expect(before.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, changed: 3 });
    const unpaid = rows();
    expect(unpaid).toHaveLength(3);
    expect(unpaid.every((r) => r.payoutId === null && r.settledOn === null)).toBe(true);

    const [payout] = fake.settle();
    expect(payout?.actions).toHaveLength(3);
    const linked = await counter.call('reconciliation.importNow', {});
    expect(linked.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, changed: 3 });
    const after = rows();
    // The same three rows (same ids, same amounts), now with their payout.
    expect(after.map((r) => [r.id, r.rowKey, r.grossMinor, r.feeMinor, r.netMinor])).toEqual(
      unpaid.map((r) => [r.id, r.rowKey, r.grossMinor, r.feeMinor, r.netMinor]),
    );
    expect(after.every((r) => r.payoutId === payout?.id && r.settledOn === payout?.date)).toBe(true);
    // The payout spans several days of bookings (the first payment and its refund two days earlier).
    expect(new Set(after.map((r) => r.bookedAt.slice(0, 10))).size).toBe(2);
    expect(downloads(harness)).toBe(2);

    const again = await counter.call('reconciliation.importNow', {});
    // Nothing changes, and the import says so (a line read again without its payout id keeps the
    // payout the report gave it, and is not counted as changed).
    expect(again.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, error: null, changed: 0 });
    expect(rows()).toEqual(after);
    // Reports read once are not downloaded again while they stay unchanged.
    expect(downloads(harness)).toBe(2);
    db.close();

    expect(specProblems(fake)).toEqual([]);
  });

  it('states each payout’s total from the Payouts report, re-reads a report whose last_modified_on changed, and remembers what it read across a restart', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter, env } = harness;
    await threeActions(harness);
    const { db, rows } = books(counter);
    const store = createSettlementRepository(db);
    const sourceNow = () => {
      const config = () => checkoutFromEnvironment(env, null);
      return createCheckoutSettlements({
        client: createCheckoutClient({ config }),
        config,
        payments: createPaymentRepository(db),
        // One report per listing page: the listing's pagination is part of what is tested.
        reportPageSize: 1,
      });
    };
    const source = sourceNow();
    const [payout] = fake.settle();
    const first = await importPages(source, store);
    const netOf = (id: string | undefined) =>
      rows()
        .filter((r) => r.payoutId === id)
        .reduce((sum, r) => sum + r.netMinor, 0);
    // 1500 − 28, −500 − 16, 2500 − 40: the stated amount is the sum of the payout's lines' net.
    expect(first.totals).toEqual([
      {
        provider: 'checkout',
        account: 'pc_kassatestchannelkassatest0',
        payoutId: payout?.id,
        settledOn: payout?.date,
        netMinor: 3416,
        currency: 'EUR',
        aborted: false,
      },
    ]);
    expect(netOf(payout?.id)).toBe(3416);
    expect(downloads(harness)).toBe(2);

    // A late payment joins the same payout (same-day settlement): both reports change.
    const late = await paidLink(harness, 1200);
    fake.settle({ into: payout?.id });
    const second = await importPages(source, store);
    expect(second.totals.map((t) => [t.payoutId, t.netMinor])).toEqual([[payout?.id, 3416 + 1176]]);
    expect(rows().find((r) => r.rowKey === fake.payment(late.providerRef ?? '')?.actions[1]?.id)).toMatchObject({
      payoutId: payout?.id,
      settledOn: payout?.date,
      grossMinor: 1200,
      feeMinor: 24,
    });
    expect(netOf(payout?.id)).toBe(3416 + 1176);
    expect(downloads(harness)).toBe(4);
    const listings = harness.fake.seen.filter((r) => r.path === '/reports').length;
    expect(listings).toBeGreaterThanOrEqual(4);

    // After a restart (a new source, the cursor from the database) nothing is read twice or changed.
    const stored = rows();
    const restarted = await importPages(sourceNow(), store);
    expect(restarted.totals).toEqual([]);
    expect(restarted.changed).toBe(0);
    expect(rows()).toEqual(stored);
    expect(downloads(harness)).toBe(4);
    db.close();
    expect(specProblems(fake)).toEqual([]);
  });

  it('lists only documented query parameters: the fake refuses others as Checkout.com’s 422', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake } = harness;
    const auth = { authorization: `Bearer ${fake.credentials.secretKey}` };
    const ask = async (query: string) => {
      const answer = await fetch(`${fake.url}/reports?${query}`, { headers: auth });
      return { status: answer.status, body: await answer.json() };
    };
    expect(await ask('created_since=2026-11-01T00:00:00Z')).toMatchObject({
      status: 422,
      body: { error_type: 'invalid_request', error_codes: ['invalid_created_since'] },
    });
    expect((await ask('limit=101')).status).toBe(422);
    expect((await ask('created_after=yesterday')).status).toBe(422);
    expect(await ask('created_after=2026-11-01T00:00:00.000Z&limit=5')).toMatchObject({
      status: 200,
      body: { count: 0, limit: 5, data: [] },
    });
    const unknown = await fetch(
      `${fake.url}/reports/rpt_aaaaaaaaaaaaaaaaaaaaaaaaaa/files/file_aaaaaaaaaaaaaaaaaaaaaaaaaa`,
      {
        headers: auth,
        redirect: 'manual',
      },
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error_codes: ['report_file_not_found'] });
    expect(specProblems(fake)).toEqual([]);
  });

  it('refuses a report file without a column it needs, naming it (the payments’ own rows are stored all the same); reads it once it is there', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter } = harness;
    await paidLink(harness, 1800);
    const { db, rows } = books(counter);
    const [payout] = fake.settle();
    fake.renameReportColumn('Holding Currency Amount', 'Amount (holding currency)');
    const refused = await counter.call('reconciliation.importNow', {});
    expect(refused.accounts.find((a) => a.provider === 'checkout')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no column "Holding Currency Amount"'),
    });
    // The payment's own row (Financial Actions API) is stored; nothing of the refused file is.
    expect(rows().map((r) => [r.type, r.grossMinor, r.feeMinor, r.payoutId])).toEqual([['payment', 1800, 32, null]]);

    fake.renameReportColumn('Holding Currency Amount', null);
    const read = await counter.call('reconciliation.importNow', {});
    expect(read.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, error: null });
    expect(rows().map((r) => [r.type, r.grossMinor, r.feeMinor, r.payoutId])).toEqual([
      ['payment', 1800, 32, payout?.id],
    ]);
    db.close();
  });

  it('with an OAuth client: asks for reports:view and reads the reports with the token; the file itself is fetched without it', async () => {
    const harness = await setup({
      engine: ENGINE,
      env: {
        KASSA_CHECKOUT_CLIENT_ID: 'ack_kassafakeclientkassafakeclie',
        KASSA_CHECKOUT_CLIENT_SECRET: 'fake-oauth-client-secret',
      },
    });
    const { fake, counter } = harness;
    await paidLink(harness, 2000);
    fake.settle();
    const run = await counter.call('reconciliation.importNow', {});
    expect(run.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true });
    const token = fake.seen.find((r) => r.path === '/connect/token');
    expect(String((token?.body as { scope?: string } | undefined)?.scope).split(' ')).toContain('reports:view');
    const reportCalls = fake.seen.filter((r) => r.path.startsWith('/reports'));
    expect(reportCalls.length).toBeGreaterThanOrEqual(3);
    expect(reportCalls.every((r) => /^Bearer eyJ\.fake\./.test(r.headers.authorization ?? ''))).toBe(true);
    const files = fake.seen.filter((r) => r.path.startsWith('/report-files/'));
    expect(files).toHaveLength(2);
    expect(files.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(specProblems(fake)).toEqual([]);
  });

  it('while the reports fail, every later run still stores the new payments’ rows first, then shows the error', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter, env } = harness;
    const { db, rows } = books(counter);
    const store = createSettlementRepository(db);
    let clock = Date.now();
    const config = () => checkoutFromEnvironment(env, null);
    const source = createCheckoutSettlements({
      client: createCheckoutClient({ config }),
      config,
      payments: createPaymentRepository(db),
      now: () => clock,
    });
    await paidLink(harness, 1300);
    fake.settle();
    fake.renameReportColumn('Action ID', 'Financial Action ID');
    expect(await importUntilError(source, store)).toContain('no column "Action ID"');
    expect(rows().map((r) => [r.grossMinor, r.payoutId])).toEqual([[1300, null]]);

    // The next day's run (here: two minutes on): a new payment's row is stored before the error.
    await paidLink(harness, 1400);
    clock += 120_000;
    expect(await importUntilError(source, store)).toContain('no column "Action ID"');
    expect(rows().map((r) => [r.grossMinor, r.payoutId])).toEqual([
      [1300, null],
      [1400, null],
    ]);

    fake.renameReportColumn('Action ID', null);
    clock += 120_000;
    expect(await importUntilError(source, store)).toBeNull();
    expect(rows().map((r) => [r.grossMinor, r.payoutId !== null])).toEqual([
      [1300, true],
      [1400, false],
    ]);
    db.close();
  });
});
