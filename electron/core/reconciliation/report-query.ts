import type { Db } from '../db/types';
import { addDays } from './import';
import { buildReport, type ReportRow, type SettlementReport } from './report';

const SELECT = `SELECT s.provider, s.account, s.type, s.payout_id AS payoutId, s.settled_on AS settledOn,
    substr(s.booked_at, 1, 10) AS bookedOn, s.gross_minor AS grossMinor, s.fee_minor AS feeMinor,
    s.net_minor AS netMinor, s.currency, COALESCE(p.method, 'unknown') AS tender,
    COALESCE(s.our_reference, p.reference) AS reference, s.matched_payment_id AS paymentId
  FROM settlement_rows s LEFT JOIN payments p ON p.id = s.matched_payment_id`;

/** Reads the rows of a day (booked that UTC day, index `settlement_rows_booked`) or of a payout, and builds the report. */
export function createReportQuery(db: Db) {
  const ofDay = db.prepare<[string, string], ReportRow>(`${SELECT} WHERE s.booked_at >= ? AND s.booked_at < ?`);
  const ofPayout = db.prepare<[string], ReportRow>(`${SELECT} WHERE s.payout_id = ?`);
  const payouts = db.prepare<[string, string], { provider: string; payoutId: string; settledOn: string | null }>(
    `SELECT provider, payout_id AS payoutId, MAX(settled_on) AS settledOn FROM settlement_rows
     WHERE payout_id IS NOT NULL AND settled_on >= ? AND settled_on <= ? GROUP BY provider, payout_id
     ORDER BY settledOn DESC, provider, payout_id`,
  );
  return {
    day(day: string): SettlementReport {
      return buildReport('day', day, ofDay.all(day, addDays(day, 1)));
    },
    payout(payoutId: string): SettlementReport {
      return buildReport('payout', payoutId, ofPayout.all(payoutId));
    },
    /** Payouts that reached (or reach) the bank between two days, newest first. */
    payouts(from: string, to: string) {
      return payouts.all(from, to);
    },
  };
}
