import type { Db } from '../db/types';
import { addDays } from './import';
import { buildReport, type ReportRow, type SettlementReport, type StatedPayout } from './report';
import { localDayOf, startOfShopDay } from './shop-day';

/** A line on an aborted payout is not paid out: its settled day is not shown as one. */
const SELECT = `SELECT s.provider, s.account, s.type, s.payout_id AS payoutId,
    CASE WHEN t.aborted = 1 THEN NULL ELSE s.settled_on END AS settledOn,
    s.booked_at AS bookedAt, s.gross_minor AS grossMinor, s.fee_minor AS feeMinor,
    s.net_minor AS netMinor, s.currency, COALESCE(p.method, 'unknown') AS tender,
    COALESCE(s.our_reference, p.reference) AS reference, s.matched_payment_id AS paymentId,
    COALESCE(t.aborted, 0) AS payoutAborted
  FROM settlement_rows s LEFT JOIN payments p ON p.id = s.matched_payment_id
  LEFT JOIN settlement_payouts t ON t.provider = s.provider AND t.account = s.account AND t.payout_id = s.payout_id
    AND t.currency = s.currency`;
/**
 * A stated payout with the sum of net of ALL its lines (same provider, account, payout id and
 * currency), whatever day they were booked on: a Vipps or Checkout.com payout spans several days, so a
 * day report compares the stated amount with this sum, not with that day's lines alone.
 */
const STATED = `SELECT t.provider, t.payout_id AS payoutId, t.currency, t.settled_on AS settledOn,
    t.net_minor AS netMinor, t.aborted,
    COALESCE((SELECT SUM(s.net_minor) FROM settlement_rows s INDEXED BY settlement_rows_payout
      WHERE s.provider = t.provider AND s.payout_id = t.payout_id AND s.account = t.account
        AND s.currency = t.currency), 0) AS linesNetMinor
  FROM settlement_payouts t`;

type RawRow = Omit<ReportRow, 'bookedOn' | 'payoutAborted'> & { bookedAt: string; payoutAborted: number };
type RawStated = Omit<StatedPayout, 'aborted'> & { aborted: number };

/**
 * Reads the rows of a day or of a payout, and builds the report. A day is the shop's calendar day in
 * its time zone (`timeZone()`), so the UTC bounds of that day select the lines (index
 * `settlement_rows_booked`) and each line's `bookedOn` is its local day.
 */
export function createReportQuery(db: Db, timeZone: () => string = () => 'UTC') {
  const ofDay = db.prepare<[string, string], RawRow>(`${SELECT} WHERE s.booked_at >= ? AND s.booked_at < ?`);
  const ofPayout = db.prepare<[string], RawRow>(`${SELECT} WHERE s.payout_id = ?`);
  const statedOf = db.prepare<[string, string], RawStated>(`${STATED} WHERE t.provider = ? AND t.payout_id = ?`);
  const statedById = db.prepare<[string], RawStated>(`${STATED} WHERE t.payout_id = ?`);
  const payouts = db.prepare<
    [{ from: string; to: string }],
    { provider: string; payoutId: string; settledOn: string | null; aborted: number }
  >(
    `SELECT provider, payoutId, MAX(settledOn) AS settledOn, MAX(aborted) AS aborted FROM (
       SELECT provider, payout_id AS payoutId, settled_on AS settledOn, 0 AS aborted FROM settlement_rows
       WHERE payout_id IS NOT NULL AND settled_on >= @from AND settled_on <= @to
       UNION ALL
       SELECT provider, payout_id, settled_on, aborted FROM settlement_payouts
       WHERE settled_on >= @from AND settled_on <= @to)
     GROUP BY provider, payoutId ORDER BY settledOn DESC, provider, payoutId`,
  );
  const toRow =
    (zone: string) =>
    ({ bookedAt, payoutAborted, ...row }: RawRow): ReportRow => ({
      ...row,
      bookedOn: localDayOf(bookedAt, zone),
      payoutAborted: payoutAborted === 1,
    });
  const toStated = (s: RawStated): StatedPayout => ({ ...s, aborted: s.aborted === 1 });

  return {
    day(day: string): SettlementReport {
      const zone = timeZone();
      const rows = ofDay.all(startOfShopDay(day, zone), startOfShopDay(addDays(day, 1), zone)).map(toRow(zone));
      const keys = new Set(rows.flatMap((r) => (r.payoutId ? [`${r.provider}|${r.payoutId}`] : [])));
      const stated = [...keys].flatMap((k) => {
        const [provider = '', payoutId = ''] = k.split(/\|(.*)/s);
        return statedOf.all(provider, payoutId).map(toStated);
      });
      return buildReport('day', day, rows, stated, zone);
    },
    payout(payoutId: string): SettlementReport {
      const zone = timeZone();
      return buildReport(
        'payout',
        payoutId,
        ofPayout.all(payoutId).map(toRow(zone)),
        statedById.all(payoutId).map(toStated),
        zone,
      );
    },
    /** Payouts that reached (or reach) the bank between two days, newest first; aborted ones say so. */
    payouts(from: string, to: string) {
      return payouts.all({ from, to }).map((p) => ({ ...p, aborted: p.aborted === 1 }));
    },
  };
}
