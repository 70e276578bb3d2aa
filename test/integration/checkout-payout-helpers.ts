import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { addDays } from '../../electron/core/reconciliation/import';
import type { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import type { PayoutTotalInput, SettlementSource } from '../../electron/core/settlement/settlement-row';
import type { TestEngine } from '../helpers/test-engine';
import { type CheckoutHarness, done, startLink } from './checkout-harness';

/** Shared by the checkout-payout-*.test.ts files: payments paid on the fake, and the engine's books. */

/**
 * The UTC day, as the import's window and the fake's payout days count them (never the machine's
 * zone). A payout's day is asserted against the fake's own `payout.date`, and the window reaches back
 * a day, so a run across UTC midnight reads the same reports.
 */
export const today = () => new Date().toISOString().slice(0, 10);
export const ENGINE = { reconciliation: { schedule: false, pageGapMs: 0 } };

export async function paidLink({ fake, counter }: CheckoutHarness, minor: number) {
  const { payment } = await startLink(counter, minor);
  fake.pay(payment.reference);
  return counter.waitForPayment(payment.id, done);
}

/** The engine's SQLite file, opened beside it: the Checkout.com settlement rows as stored. */
export function books(counter: TestEngine) {
  const db = openDatabase(join(counter.dataDir, 'kassa.sqlite'), { migrate: false });
  const rows = () =>
    db
      .prepare(
        `SELECT id, row_key AS rowKey, type, payout_id AS payoutId, settled_on AS settledOn, booked_at AS bookedAt,
           gross_minor AS grossMinor, fee_minor AS feeMinor, net_minor AS netMinor
         FROM settlement_rows WHERE provider = 'checkout' ORDER BY id`,
      )
      .all() as {
      id: number;
      rowKey: string;
      type: string;
      payoutId: string | null;
      settledOn: string | null;
      bookedAt: string;
      grossMinor: number;
      feeMinor: number;
      netMinor: number;
    }[];
  return { db, rows };
}

/** Report files downloaded from the fake so far. */
export const downloads = (harness: CheckoutHarness) =>
  harness.fake.seen.filter((r) => /^\/reports\/[^/]+\/files\/[^/]+$/.test(r.path)).length;

/** Like the import, straight from a source: every page of the window stored; the stated totals it gave. */
export async function importPages(source: SettlementSource, store: ReturnType<typeof createSettlementRepository>) {
  let cursor = store.cursor('checkout', source.account);
  const totals: PayoutTotalInput[] = [];
  let changed = 0;
  for (;;) {
    const page = await source.fetch({ from: addDays(today(), -1), to: today(), cursor });
    changed += store.storePage(
      page.rows,
      { provider: 'checkout', account: source.account, cursor: page.cursor },
      today(),
    );
    totals.push(...(page.payoutTotals ?? []));
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { totals, changed };
}
