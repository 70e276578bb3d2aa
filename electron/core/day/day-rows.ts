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

/**
 * The rows a day's report is computed from, read in one statement each. Payments count by when they
 * were started, refunds and voids by when the provider confirmed them (a refund today of last
 * week's payment is today's money going back). `to` is exclusive; null: up to now.
 */
export function createDayRows(db: Db, terminalName: (terminalId: string) => string) {
  const payments = db.prepare<[string, string], Raw>(
    `SELECT status, amount_minor AS amountMinor, currency, provider, method, terminal_id AS terminalId
     FROM payments WHERE created_at >= ? AND created_at < ?`,
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
        payments: payments.all(from, until(to)).map(named),
        refunds: refunds.all(from, until(to)).map(named),
        voids: voids.all(from, until(to)).map(named),
      };
    },
    /** Held payments (the back-office refused their allocation), whatever their day: still to be settled. */
    held: () => held.all(),
  };
}

export type DayRows = ReturnType<typeof createDayRows>;
