import type { Db } from '../db/types';

/** Counter payment statuses the provider should settle (approved, maybe refunded since). */
export const SETTLED_STATUSES = ['approved', 'paid_after_cancel', 'partially_refunded', 'refunded'] as const;

export interface MatchResult {
  /** Settlement rows newly tied to a Kassa payment. */
  readonly payments: number;
  /** Refund rows newly tied to a Kassa refund. */
  readonly refunds: number;
  /** The Kassa payments whose settlement data changed (their references go to the back-office). */
  readonly paymentIds: readonly string[];
}

/**
 * Ties settlement rows to Kassa payments and refunds, in SQL and only over rows not yet matched
 * (partial indexes `settlement_rows_unmatched`, `settlement_rows_refund_open`), so a run after the
 * first import costs only what is new or still unknown.
 *
 * 1. Any row → the payment by our reference (`payments.reference`, unique) or, failing that, by the
 *    provider's id of the payment (`payments.provider_ref` of that provider, unique).
 * 2. A refund row of a matched payment → that payment's succeeded refund by the provider's refund id,
 *    else the oldest one of the same amount not yet matched.
 */
export function createMatcher(db: Db) {
  const matchPayments = db.prepare<[], { paymentId: string }>(
    `UPDATE settlement_rows INDEXED BY settlement_rows_unmatched SET matched_payment_id = COALESCE(
       (SELECT p.id FROM payments p WHERE p.reference = settlement_rows.our_reference),
       (SELECT p.id FROM payments p WHERE p.provider_ref = settlement_rows.provider_payment_ref
          AND p.provider = settlement_rows.provider))
     WHERE matched_payment_id IS NULL AND matched_refund_id IS NULL
       AND (our_reference IS NOT NULL OR provider_payment_ref IS NOT NULL)
       AND COALESCE(
         (SELECT p.id FROM payments p WHERE p.reference = settlement_rows.our_reference),
         (SELECT p.id FROM payments p WHERE p.provider_ref = settlement_rows.provider_payment_ref
            AND p.provider = settlement_rows.provider)) IS NOT NULL
     RETURNING matched_payment_id AS paymentId`,
  );
  const openRefundRows = db.prepare<[], { id: number; paymentId: string; grossMinor: number; ref: string | null }>(
    `SELECT id, matched_payment_id AS paymentId, gross_minor AS grossMinor, provider_payment_ref AS ref
     FROM settlement_rows INDEXED BY settlement_rows_refund_open
     WHERE type = 'refund' AND matched_refund_id IS NULL AND matched_payment_id IS NOT NULL
     ORDER BY booked_at, id`,
  );
  const refundByRef = db.prepare<[string, string], { id: string }>(
    `SELECT r.id FROM refunds r WHERE r.provider_ref = ? AND r.payment_id = ? AND r.status = 'succeeded'
       AND NOT EXISTS (SELECT 1 FROM settlement_rows s WHERE s.matched_refund_id = r.id)`,
  );
  const refundByAmount = db.prepare<[string, number], { id: string }>(
    `SELECT r.id FROM refunds r WHERE r.payment_id = ? AND r.amount_minor = ? AND r.status = 'succeeded'
       AND NOT EXISTS (SELECT 1 FROM settlement_rows s WHERE s.matched_refund_id = r.id)
     ORDER BY r.created_at, r.id LIMIT 1`,
  );
  const setRefund = db.prepare('UPDATE settlement_rows SET matched_refund_id = ? WHERE id = ?');

  const run = db.transaction((): MatchResult => {
    const matched = matchPayments.all();
    const paymentIds = new Set(matched.map((m) => m.paymentId));
    let refunds = 0;
    for (const row of openRefundRows.all()) {
      const refund =
        (row.ref ? refundByRef.get(row.ref, row.paymentId) : undefined) ??
        refundByAmount.get(row.paymentId, -row.grossMinor);
      if (!refund) continue;
      setRefund.run(refund.id, row.id);
      paymentIds.add(row.paymentId);
      refunds += 1;
    }
    return { payments: matched.length, refunds, paymentIds: [...paymentIds] };
  });

  return { run: (): MatchResult => run() };
}

export type Matcher = ReturnType<typeof createMatcher>;
