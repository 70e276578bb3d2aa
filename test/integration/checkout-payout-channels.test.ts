import { describe, expect, it } from 'vitest';
import { createCheckoutClient } from '../../electron/core/payments/checkout/checkout-client';
import { checkoutFromEnvironment } from '../../electron/core/payments/checkout/checkout-config';
import { createCheckoutSettlements } from '../../electron/core/payments/checkout/settlements';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { checkoutCounterPerTest, specProblems } from './checkout-harness';
import { books, ENGINE, importPages, paidLink } from './checkout-payout-helpers';

/**
 * An entity with two processing channels (Kassa's counter and a web shop): Checkout.com pays both out
 * together, so a payout's "Financial Actions by Payout ID" file holds the web shop's actions too, and
 * the "Payouts" report states the amount for the whole entity. Kassa keeps only its own channel's
 * lines, and so cannot check such a payout's stated amount. Fake over HTTP, the engine's SQLite file.
 */

const { setup } = checkoutCounterPerTest();
const WEB_SHOP = 'pc_kassawebshopchannelkassaw0';

describe('Checkout.com payouts shared with another processing channel', () => {
  it('stores only Kassa’s lines and no total for a payout that also paid a web shop: no false payout_total_differs', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter } = harness;
    await paidLink(harness, 1500);
    fake.otherChannelCapture(4000, 'EUR', WEB_SHOP);
    const [mixed] = fake.settle();
    expect(mixed?.actions).toHaveLength(2);
    const { db, rows } = books(counter);

    const run = await counter.call('reconciliation.importNow', {});
    expect(run.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, error: null });
    // Kassa's capture only, now with its payout; the web shop's action is not Kassa's.
    expect(rows().map((r) => [r.type, r.grossMinor, r.payoutId])).toEqual([['payment', 1500, mixed?.id]]);
    expect(db.prepare("SELECT payout_id FROM settlement_payouts WHERE provider = 'checkout'").all()).toEqual([]);
    const open = await counter.call('reconciliation.exceptions', { state: 'open' });
    expect(open.filter((e) => e.kind.startsWith('payout'))).toEqual([]);
    const report = await counter.call('reconciliation.report', { payoutId: mixed?.id ?? '' });
    expect(report.payouts).toEqual([expect.objectContaining({ payoutId: mixed?.id, statedNetMinor: null })]);

    // The next payout pays Kassa's channel alone: its total is kept and agrees with its lines.
    await paidLink(harness, 2500);
    const [own] = fake.settle();
    await counter.call('reconciliation.importNow', {});
    expect(rows().find((r) => r.grossMinor === 2500)).toMatchObject({ payoutId: own?.id });
    expect(
      db
        .prepare(
          "SELECT payout_id AS payoutId, net_minor AS netMinor FROM settlement_payouts WHERE provider = 'checkout'",
        )
        .all(),
    ).toEqual([{ payoutId: own?.id, netMinor: 2500 - 40 }]);
    expect(
      (await counter.call('reconciliation.exceptions', { state: 'open' })).filter((e) => e.kind.startsWith('payout')),
    ).toEqual([]);
    db.close();
    expect(specProblems(fake)).toEqual([]);
  });

  it('keeps a stated total back until the payout’s by-payout file is read, when the Payouts report is listed first (one report per page)', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter, env } = harness;
    const { db } = books(counter);
    const store = createSettlementRepository(db);
    const config = () => checkoutFromEnvironment(env, null);
    const source = createCheckoutSettlements({
      client: createCheckoutClient({ config }),
      config,
      payments: createPaymentRepository(db),
      reportPageSize: 1,
    });
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    await paidLink(harness, 1500);
    fake.otherChannelCapture(4000, 'EUR', WEB_SHOP);
    // The Payouts report is made a second after the by-payout report: the listing (newest first) has it first.
    const [mixed] = fake.settle({ payoutsReportOn: later(1_000) });
    expect(fake.reports().map((r) => r.type)).toEqual(['FinancialActionsByPayoutId', 'Payouts']);
    const first = await importPages(source, store);
    expect(first.totals).toEqual([]);

    // Kassa's next payout alone: its total comes once its by-payout file is read, on a later page.
    await paidLink(harness, 2500);
    const [own] = fake.settle({ payoutsReportOn: later(2_000) });
    expect(own?.id).not.toBe(mixed?.id);
    const second = await importPages(source, store);
    expect(second.totals.map((t) => [t.payoutId, t.netMinor])).toEqual([[own?.id, 2500 - 40]]);
    db.close();
    expect(specProblems(fake)).toEqual([]);
  });

  it('with a processing channel configured, refuses a by-payout file without "Processing Channel ID", naming it; reads it once it is there', async () => {
    const harness = await setup({ engine: ENGINE });
    const { fake, counter } = harness;
    await paidLink(harness, 1800);
    const { db, rows } = books(counter);
    const [payout] = fake.settle();
    fake.renameReportColumn('Processing Channel ID', 'Channel');
    const refused = await counter.call('reconciliation.importNow', {});
    expect(refused.accounts.find((a) => a.provider === 'checkout')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no column "Processing Channel ID"'),
    });
    // The payment's own row (Financial Actions API) is stored; nothing of the refused file is.
    expect(rows().map((r) => [r.type, r.grossMinor, r.payoutId])).toEqual([['payment', 1800, null]]);

    fake.renameReportColumn('Processing Channel ID', null);
    const read = await counter.call('reconciliation.importNow', {});
    expect(read.accounts.find((a) => a.provider === 'checkout')).toMatchObject({ ok: true, error: null });
    expect(rows().map((r) => [r.type, r.grossMinor, r.payoutId])).toEqual([['payment', 1800, payout?.id]]);
    db.close();
  });
});
