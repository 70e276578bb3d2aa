import type { Db } from '../db/types';

/** How long after its settlement day a payout's stated total is still compared (later lines may come). */
const PAYOUT_RECENT_DAYS = 40;

/** The sum of net of a payout's lines in the payout's currency (`t` is a settlement_payouts row). */
const SUMMED = `COALESCE((SELECT SUM(s.net_minor) FROM settlement_rows s INDEXED BY settlement_rows_payout
  WHERE s.provider = t.provider AND s.payout_id = t.payout_id AND s.account = t.account AND s.currency = t.currency), 0)`;
const HAS_LINES = `EXISTS (SELECT 1 FROM settlement_rows s INDEXED BY settlement_rows_payout
  WHERE s.provider = t.provider AND s.payout_id = t.payout_id AND s.account = t.account AND s.currency = t.currency)`;
/** One exception per payout and currency: `payout:<account>:<payout id>:<currency>`. */
const SUBJECT = `'payout:' || t.account || ':' || t.payout_id || ':' || t.currency`;
const OF_EXCEPTION = `t.provider = reconciliation_exceptions.provider AND ${SUBJECT} = reconciliation_exceptions.subject`;

const RAISE = (kind: string, where: string) =>
  `INSERT INTO reconciliation_exceptions (kind, provider, subject, payout_id, expected_minor, actual_minor, currency,
     occurred_on, detected_at)
   SELECT '${kind}', t.provider, ${SUBJECT}, t.payout_id, t.net_minor, ${SUMMED}, t.currency,
     COALESCE(t.settled_on, substr(t.imported_at, 1, 10)), @now
   FROM settlement_payouts t WHERE (t.settled_on IS NULL OR t.settled_on >= @recentDay) AND ${where}
   ON CONFLICT (kind, provider, subject) DO UPDATE SET resolved_at = NULL, resolved_by = NULL, note = NULL,
     auto_resolved = 0, detected_at = excluded.detected_at
   WHERE reconciliation_exceptions.auto_resolved = 1`;
const CLOSE = (kind: string, still: string) =>
  `UPDATE reconciliation_exceptions SET resolved_at = @now, resolved_by = 'system', auto_resolved = 1,
     note = 'later settlement data'
   WHERE kind = '${kind}' AND resolved_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM settlement_payouts t WHERE ${OF_EXCEPTION} AND ${still})`;

/**
 * The checks against what a provider says it paid out (reconciliation_receipts.md §A.0 "Payout total
 * mismatch"): per payout and currency, the provider's stated amount (`settlement_payouts.net_minor`)
 * against the sum of net of the lines carrying that payout id.
 *
 * - `payout_total_differs`: the sums disagree on a payout that was not aborted. Lines often arrive
 *   after the total (or the other way round), so it closes itself when later lines make them agree.
 * - `payout_aborted`: the provider aborted the payout (Vipps `payout-aborted`) and lines still carry
 *   its id; it closes itself once a later payout carries them (their payout id changes).
 * Open exceptions keep their figures current (the stated amount and the sum of the lines so far). A
 * payout's sums can agree half-way and differ again as more lines come: an exception that closed
 * itself opens again then (one a manager resolved stays resolved).
 * Runs inside reconciliation's detection transaction.
 */
export function createPayoutChecks(db: Db) {
  const raise = [
    RAISE('payout_total_differs', `t.aborted = 0 AND t.net_minor != ${SUMMED}`),
    RAISE('payout_aborted', `t.aborted = 1 AND ${HAS_LINES}`),
  ].map((sql) => db.prepare(sql));
  const close = [
    CLOSE('payout_total_differs', `t.aborted = 0 AND t.net_minor != ${SUMMED}`),
    CLOSE('payout_aborted', `t.aborted = 1 AND ${HAS_LINES}`),
  ].map((sql) => db.prepare(sql));
  const refresh = db.prepare(
    `UPDATE reconciliation_exceptions SET
       expected_minor = (SELECT t.net_minor FROM settlement_payouts t WHERE ${OF_EXCEPTION}),
       actual_minor = (SELECT ${SUMMED} FROM settlement_payouts t WHERE ${OF_EXCEPTION})
     WHERE kind IN ('payout_total_differs', 'payout_aborted') AND resolved_at IS NULL`,
  );

  return {
    /** Closes what later data settled, raises what is new, refreshes the open ones; returns how many were added. */
    detect(now: Date): number {
      const at = now.toISOString();
      const recentDay = new Date(now.getTime() - PAYOUT_RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
      for (const statement of close) statement.run({ now: at });
      let added = 0;
      for (const statement of raise) added += statement.run({ now: at, recentDay }).changes;
      refresh.run();
      return added;
    },
  };
}
