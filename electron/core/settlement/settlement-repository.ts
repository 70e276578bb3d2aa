import type { Db } from '../db/types';
import type { PayoutTotalInput, SettlementRow, SettlementRowInput } from './settlement-row';

const SELECT = `SELECT id, provider, account, row_key AS rowKey, type, payout_id AS payoutId, settled_on AS settledOn,
  booked_at AS bookedAt, provider_payment_ref AS providerPaymentRef, our_reference AS ourReference,
  gross_minor AS grossMinor, fee_minor AS feeMinor, net_minor AS netMinor, currency,
  matched_payment_id AS matchedPaymentId, matched_refund_id AS matchedRefundId, imported_at AS importedAt
  FROM settlement_rows`;

/** Settlement lines as the providers reported them, and how far each account's import got. */
export function createSettlementRepository(db: Db) {
  // A line seen again keeps its identity and its match; what the provider may fill in later
  // (payout id, settlement day, fee) is taken from the newer import.
  const upsert = db.prepare(
    `INSERT INTO settlement_rows (provider, account, row_key, type, payout_id, settled_on, booked_at,
       provider_payment_ref, our_reference, gross_minor, fee_minor, net_minor, currency, imported_at)
     VALUES (@provider, @account, @rowKey, @type, @payoutId, @settledOn, @bookedAt, @providerPaymentRef,
       @ourReference, @grossMinor, @feeMinor, @netMinor, @currency, @importedAt)
     ON CONFLICT (provider, account, row_key) DO UPDATE SET
       payout_id = COALESCE(excluded.payout_id, payout_id),
       settled_on = COALESCE(excluded.settled_on, settled_on),
       fee_minor = excluded.fee_minor, net_minor = excluded.net_minor, gross_minor = excluded.gross_minor
     WHERE COALESCE(excluded.payout_id, payout_id) IS NOT payout_id
       OR COALESCE(excluded.settled_on, settled_on) IS NOT settled_on
       OR fee_minor IS NOT excluded.fee_minor OR gross_minor IS NOT excluded.gross_minor`,
  );
  // A payout's stated amount may be corrected by a later report; once the provider said the payout
  // was aborted, a re-read of the original payout line does not make it paid again.
  const upsertPayout = db.prepare(
    `INSERT INTO settlement_payouts (provider, account, payout_id, currency, settled_on, net_minor, aborted,
       imported_at, changed_at)
     VALUES (@provider, @account, @payoutId, @currency, @settledOn, @netMinor, @aborted, @at, @at)
     ON CONFLICT (provider, account, payout_id, currency) DO UPDATE SET
       settled_on = COALESCE(excluded.settled_on, settled_on), net_minor = excluded.net_minor,
       aborted = MAX(aborted, excluded.aborted), imported_at = excluded.imported_at, changed_at = excluded.changed_at
     WHERE net_minor IS NOT excluded.net_minor OR aborted < excluded.aborted
       OR (excluded.settled_on IS NOT NULL AND settled_on IS NOT excluded.settled_on)`,
  );
  const cursorOf = db.prepare<[string, string], { cursor: string }>(
    'SELECT cursor FROM settlement_cursors WHERE provider = ? AND account = ?',
  );
  const setCursor = db.prepare(
    `INSERT INTO settlement_cursors (provider, account, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (provider, account) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  const forPayment = db.prepare<[string], SettlementRow>(
    `${SELECT} WHERE matched_payment_id = ? ORDER BY booked_at, id`,
  );
  const byProviderRef = db.prepare<[string, string], SettlementRow>(
    `${SELECT} WHERE provider = ? AND provider_payment_ref = ? ORDER BY booked_at, id`,
  );

  /** Rows, payout totals and the cursor after them in one transaction: a crash keeps all or none. */
  const storePage = db.transaction(
    (
      rows: readonly SettlementRowInput[],
      next: { provider: string; account: string; cursor: string | null },
      at: string,
      payoutTotals: readonly PayoutTotalInput[],
    ) => {
      let changed = 0;
      for (const row of rows) changed += upsert.run({ ...row, importedAt: at }).changes;
      // Counted are lines (what the import reports as changed); totals are stored beside them.
      for (const total of payoutTotals) upsertPayout.run({ ...total, aborted: total.aborted ? 1 : 0, at });
      if (next.cursor !== null) setCursor.run(next.provider, next.account, next.cursor, at);
      return changed;
    },
  );

  return {
    /**
     * Stores a fetched page (its rows and the payout totals the provider stated) and the cursor after
     * it; returns how many rows were new or changed (payout totals are not counted).
     */
    storePage(
      rows: readonly SettlementRowInput[],
      next: { provider: string; account: string; cursor: string | null },
      at: string,
      payoutTotals: readonly PayoutTotalInput[] = [],
    ): number {
      return storePage(rows, next, at, payoutTotals);
    },
    cursor(provider: string, account: string): string | null {
      return cursorOf.get(provider, account)?.cursor ?? null;
    },
    forPayment(paymentId: string): SettlementRow[] {
      return forPayment.all(paymentId);
    },
    byProviderRef(provider: string, providerRef: string): SettlementRow[] {
      return byProviderRef.all(provider, providerRef);
    },
  };
}

export type SettlementRepository = ReturnType<typeof createSettlementRepository>;
