import type { Db } from '../db/types';
import type { DayPayment, DayRefund, DayVoid } from './day-totals';

/** A payment's tender columns, with its terminal's name as last listed. */
interface Raw {
  status: string;
  amountMinor: number;
  currency: string;
  provider: string;
  method: string;
  terminalId: string;
}

/** A payment's money was taken when it first moved to approved (or paid after a cancel). */
const TAKEN_EVENT = "outcome = 'moved' AND to_status IN ('approved', 'paid_after_cancel')";

/**
 * The rows a day's report is computed from, read in one statement each. Payments count by when the
 * money was taken (their first approval: a payment open at a close and approved afterwards belongs
 * to the next day), refunds and voids by when the provider confirmed them (a refund today of last
 * week's payment is today's money going back). `to` is exclusive; null: up to now.
 */
export function createDayRows(db: Db, terminalName: (terminalId: string) => string) {
  const payments = db.prepare<[string, string, string], Raw>(
    `SELECT p.status, p.amount_minor AS amountMinor, p.currency, p.provider, p.method, p.terminal_id AS terminalId
     FROM payments p
     WHERE p.id IN (SELECT payment_id FROM payment_events WHERE ${TAKEN_EVENT} AND at >= ? AND at < ?)
       AND NOT EXISTS (SELECT 1 FROM payment_events e WHERE e.payment_id = p.id AND ${TAKEN_EVENT} AND e.at < ?)`,
  );
  const refunds = db.prepare<[string, string], Raw>(
    `SELECT r.status, r.amount_minor AS amountMinor, r.currency, p.provider, p.method, p.terminal_id AS terminalId
     FROM refunds r JOIN payments p ON p.id = r.payment_id
     WHERE r.status = 'succeeded' AND r.updated_at >= ? AND r.updated_at < ?`,
  );
  const voids = db.prepare<[string, string], Raw>(
    `SELECT v.status, p.amount_minor AS amountMinor, p.currency, p.provider, p.method, p.terminal_id AS terminalId
     FROM voids v JOIN payments p ON p.id = v.payment_id
     WHERE v.status = 'voided' AND v.updated_at >= ? AND v.updated_at < ?`,
  );
  const held = db.prepare<[], { currency: string; count: number; minor: number }>(
    `SELECT p.currency, count(*) AS count, coalesce(sum(p.amount_minor), 0) AS minor
     FROM outbox o JOIN payments p ON p.id = o.aggregate_id
     WHERE o.kind = 'payment.approved' AND o.state = 'held' GROUP BY p.currency ORDER BY p.currency`,
  );
  const named = (row: Raw) => ({ ...row, terminalName: terminalName(row.terminalId) });
  // ISO strings compare in time order; '9999' is after any time the counter writes.
  const until = (to: string | null) => to ?? '9999';

  return {
    inPeriod(from: string, to: string | null): { payments: DayPayment[]; refunds: DayRefund[]; voids: DayVoid[] } {
      return {
        payments: payments.all(from, until(to), from).map(named),
        refunds: refunds.all(from, until(to)).map(named),
        voids: voids.all(from, until(to)).map(named),
      };
    },
    /** Held payments (the back-office refused their allocation), whatever their day: still to be settled. */
    held: () => held.all(),
  };
}

export type DayRows = ReturnType<typeof createDayRows>;
