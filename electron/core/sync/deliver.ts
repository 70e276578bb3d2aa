import { BoRefundRecord } from '../../../shared/backoffice/schemas';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository, OutboxRow } from '../repositories/outbox';
import type { PaymentRepository } from '../repositories/payments';
import { retryDelayMs } from './backoff';
import { type BackofficeClient, SyncError } from './backoffice-client';
import { ApprovedPayload, ReceiptPayload, RefundReceiptPayload, toPaymentRecord } from './outbox-payloads';

export interface DeliveryDeps {
  db: Db;
  client: BackofficeClient;
  outbox: OutboxRepository;
  invoices: InvoiceRepository;
  payments: PaymentRepository;
  clock: Clock;
  random: () => number;
  stationId: string;
  renderReceipt: (paymentId: string, locale: 'nl' | 'en') => Promise<Buffer>;
  /** A refund's own document, frozen when the refund was recorded. */
  renderRefundReceipt?: (refundId: string, locale: 'nl' | 'en') => Promise<Buffer>;
}

export interface DeliveryResult {
  delivered: number;
  held: number;
  /** The error that stopped delivery (the head message is backing off), if any. */
  stoppedBy: SyncError | null;
}

/**
 * Delivers waiting outbox messages strictly in order, one at a time, each under its own
 * Idempotency-Key. Transient failures stop the queue with a backoff; business refusals hold the
 * message (and undo its effect on the local invoices); nothing is ever dropped.
 */
export async function deliverWaiting(
  deps: DeliveryDeps,
  options: { limit?: number; ignoreBackoff?: boolean } = {},
): Promise<DeliveryResult> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const { outbox, clock } = deps;
  const result: DeliveryResult = { delivered: 0, held: 0, stoppedBy: null };
  for (let sent = 0; sent < limit; sent++) {
    const head = outbox.head();
    if (!head) break;
    if (!options.ignoreBackoff && head.nextAttemptAt && head.nextAttemptAt > clock.now().toISOString()) {
      result.stoppedBy = new SyncError('server', head.lastError ?? 'waiting to retry');
      break;
    }
    try {
      await deliverOne(deps, head);
      result.delivered += 1;
    } catch (error) {
      const syncError = error instanceof SyncError ? error : new SyncError('client', String(error));
      if (syncError.kind === 'business' || syncError.kind === 'client') {
        hold(deps, head, syncError);
        result.held += 1;
        continue;
      }
      const now = clock.now();
      const delay = retryDelayMs(head.attempts, deps.random, syncError.retryAfterMs);
      outbox.markFailed(
        head.id,
        `${syncError.kind}: ${syncError.message}`,
        now.toISOString(),
        new Date(now.getTime() + delay).toISOString(),
      );
      result.stoppedBy = syncError;
      break;
    }
  }
  return result;
}

async function deliverOne(deps: DeliveryDeps, message: OutboxRow): Promise<void> {
  const { client, outbox, invoices, clock, db } = deps;
  if (message.kind === 'payment.approved') {
    const payload = ApprovedPayload.parse(JSON.parse(message.payload));
    const answer = await client.postPayment(toPaymentRecord(payload, deps.stationId), message.idempotencyKey);
    db.transaction(() => {
      outbox.markDelivered(message.id, clock.now().toISOString());
      for (const invoice of answer.invoices) {
        invoices.applyRemoteState(invoice.invoiceId, invoice.outstandingMinor, invoice.status, invoice.seq);
      }
      for (const allocation of payload.allocations) invoices.recomputeLocal(allocation.invoiceId);
    }).immediate();
    return;
  }
  if (message.kind === 'payment.receipt') {
    const payload = ReceiptPayload.parse(JSON.parse(message.payload));
    const pdf = await deps.renderReceipt(payload.paymentId, payload.locale);
    await client.putReceipt(payload.paymentId, pdf, message.idempotencyKey);
    outbox.markDelivered(message.id, clock.now().toISOString());
    return;
  }
  if (message.kind === 'refund.receipt') {
    const payload = RefundReceiptPayload.parse(JSON.parse(message.payload));
    if (!deps.renderRefundReceipt) throw new SyncError('client', 'refund receipts cannot be rendered here');
    const pdf = await deps.renderRefundReceipt(payload.refundId, payload.locale);
    await client.putRefundReceipt(payload.refundId, pdf, message.idempotencyKey);
    outbox.markDelivered(message.id, clock.now().toISOString());
    return;
  }
  // A same-day void travels as the contract's refund record of kind "void".
  if (message.kind === 'payment.refunded' || message.kind === 'payment.voided') {
    const record = BoRefundRecord.parse(JSON.parse(message.payload));
    await client.postRefund(record, message.idempotencyKey);
    outbox.markDelivered(message.id, clock.now().toISOString());
    return;
  }
  throw new SyncError('client', `unknown outbox message kind ${message.kind}`);
}

/** Held: kept for a manager with the reason; a held payment's money shows as the customer's credit. */
function hold(deps: DeliveryDeps, message: OutboxRow, error: SyncError): void {
  const { db, outbox, invoices, payments, clock } = deps;
  const reason = error.problem ? `${error.problem.title}: ${error.problem.detail ?? ''}`.trim() : error.message;
  db.transaction(() => {
    outbox.markHeld(message.id, reason, clock.now().toISOString());
    if (message.kind === 'payment.approved') {
      for (const allocation of payments.allocations(message.aggregateId)) invoices.recomputeLocal(allocation.invoiceId);
    }
  }).immediate();
}
