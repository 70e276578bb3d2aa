import type { PaymentDto, RefundDto } from '../../../shared/api/schemas';
import { OPEN_REFUND_STATUSES, OPEN_STATUSES, OPEN_VOID_STATUSES } from '../../../shared/payment/states';

/**
 * Renders the app's own constant values as an SQL list, `('a', 'b')`. Never for input: only plain
 * lower-case words pass. A literal list rather than a bound parameter, so that SQLite still sees that
 * a query implies a partial index's `WHERE status IN (…)` and uses the index.
 */
export function sqlList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('an SQL list needs at least one value');
  for (const value of values) {
    if (!/^[a-z_]+$/.test(value)) throw new Error(`not a constant fit for SQL: ${JSON.stringify(value)}`);
  }
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}

// The open lists, written once in shared/payment/states.ts; `status IN ${OPEN_PAYMENT_SQL}` in a query.

/** Payments that may still be at the provider: they block their device and their invoices' amounts. */
export const OPEN_PAYMENT_SQL = sqlList(OPEN_STATUSES);
/** Refunds asked for whose answer is not known yet. */
export const OPEN_REFUND_SQL = sqlList(OPEN_REFUND_STATUSES satisfies readonly RefundDto['status'][]);
/** Voids asked for whose answer is not known yet. */
export const OPEN_VOID_SQL = sqlList(OPEN_VOID_STATUSES satisfies readonly NonNullable<PaymentDto['voidStatus']>[]);
