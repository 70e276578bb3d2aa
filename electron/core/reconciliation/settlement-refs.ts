import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import { createOutboxRepository } from '../repositories/outbox';

/** The outbox kind that carries a payment's settlement references to the back-office. */
export const SETTLEMENT_REFS_KIND = 'settlement.refs';

interface RefRow {
  provider: string;
  account: string;
  type: string;
  payoutId: string | null;
  settledOn: string | null;
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
  currency: string;
  refundId: string | null;
}

/**
 * After matching: one outbox message per payment whose settlement rows changed, with every row
 * matched to it (payout id, settled date, gross/fee/net). Its idempotency key is the payment plus a
 * hash of that content, so the same references are queued once however often reconciliation runs,
 * and a payout id filled in later sends a newer message. The payment's id as aggregate keeps it
 * behind the payment's own record in delivery.
 */
export function createSettlementRefs(deps: { db: Db; clock: Clock }) {
  const outbox = createOutboxRepository(deps.db);
  // A line on an aborted payout is not paid out: no payout id or settled day goes to the back-office
  // until a later payout carries it.
  const rowsOf = deps.db.prepare<[string], RefRow>(
    `SELECT s.provider, s.account, s.type, CASE WHEN t.aborted = 1 THEN NULL ELSE s.payout_id END AS payoutId,
       CASE WHEN t.aborted = 1 THEN NULL ELSE s.settled_on END AS settledOn, s.gross_minor AS grossMinor,
       s.fee_minor AS feeMinor, s.net_minor AS netMinor, s.currency, s.matched_refund_id AS refundId
     FROM settlement_rows s LEFT JOIN settlement_payouts t ON t.provider = s.provider AND t.account = s.account
       AND t.payout_id = s.payout_id AND t.currency = s.currency
     WHERE s.matched_payment_id = ? ORDER BY s.booked_at, s.id`,
  );
  const referenceOf = deps.db.prepare<[string], { reference: string }>('SELECT reference FROM payments WHERE id = ?');
  const depth = deps.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');

  const enqueue = deps.db.transaction((paymentIds: readonly string[]): number => {
    const before = depth.get()?.n ?? 0;
    const at = deps.clock.now().toISOString();
    for (const paymentId of paymentIds) {
      const payment = referenceOf.get(paymentId);
      const settlements = rowsOf.all(paymentId);
      if (!payment || settlements.length === 0) continue;
      const payload = { paymentId, reference: payment.reference, settlements };
      const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 16);
      outbox.enqueue(
        {
          kind: SETTLEMENT_REFS_KIND,
          aggregateId: paymentId,
          idempotencyKey: `${paymentId}:settlement:${digest}`,
          payload,
        },
        at,
      );
    }
    return (depth.get()?.n ?? 0) - before;
  });

  return {
    /** Queues the references of these payments; returns how many messages were new. */
    enqueue: (paymentIds: readonly string[]): number => enqueue(paymentIds),
  };
}
