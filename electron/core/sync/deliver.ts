import { BoRefundRecord } from '../../../shared/backoffice/schemas';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository, OutboxRow } from '../repositories/outbox';
import type { PaymentRepository } from '../repositories/payments';
import { retryDelayMs } from './backoff';
import { type BackofficeClient, SyncError } from './backoffice-client';
import { endpointOf, type LineState } from './line-state';
import { ApprovedPayload, ReceiptPayload, RefundReceiptPayload, toPaymentRecord } from './outbox-payloads';
import type { OutboxQueue } from './outbox-queue';

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
  /** Messages that failed this pass and wait for their own next attempt. */
  failed: number;
  /** The last failure of the pass, if any. */
  lastError: SyncError | null;
  /** No answer (or credentials refused): the pass stopped, the line is probed again later. */
  lineError: SyncError | null;
  /** Epoch ms when the next skipped or failed message is due (null: nothing left to wait for). */
  nextDueAt: number | null;
}

/** Acknowledged deliveries are committed together: one fsync for many messages. */
const ACKS_PER_COMMIT = 64;

/**
 * One delivery pass over the waiting messages, oldest first, one request at a time, each under its
 * own Idempotency-Key. Each message backs off on its own (its `next_attempt_at`), so one failing
 * message does not stop the others; a payment's messages stay in order (its receipt waits for its
 * record). A 429 pauses only its endpoint. No answer at all stops the pass: the line is probed again
 * shortly. Business refusals hold the message (and undo its effect on the local invoices); nothing
 * is ever dropped. Acknowledgements are committed in batches: one lost in a crash is re-sent under
 * the same key and answered from the back-office's stored first answer.
 */
export async function deliverDue(
  deps: DeliveryDeps & { queue: OutboxQueue; line: LineState },
  options: { force?: boolean } = {},
): Promise<DeliveryResult> {
  const { clock, line, queue } = deps;
  const result: DeliveryResult = {
    delivered: 0,
    held: 0,
    failed: 0,
    lastError: null,
    lineError: null,
    nextDueAt: null,
  };
  const waitingFor = (at: number) => {
    result.nextDueAt = result.nextDueAt === null ? at : Math.min(result.nextDueAt, at);
  };
  // A payment whose earlier message still waits: its later messages wait too.
  const blocked = new Set<string>();
  const acks: Ack[] = [];
  try {
    for (const message of queue.waiting()) {
      if (blocked.has(message.aggregateId)) continue;
      const nowMs = clock.now().getTime();
      const endpoint = endpointOf(message.kind);
      const dueAt = message.nextAttemptAt ? Date.parse(message.nextAttemptAt) : 0;
      const opensAt = line.endpointOpensAt(endpoint);
      if (!options.force && (dueAt > nowMs || opensAt > nowMs)) {
        blocked.add(message.aggregateId);
        waitingFor(Math.max(dueAt, opensAt));
        continue;
      }
      try {
        acks.push(await deliverOne(deps, message));
        line.accepted();
        result.delivered += 1;
        if (acks.length >= ACKS_PER_COMMIT) commitAcks(deps, acks.splice(0));
      } catch (error) {
        const syncError = error instanceof SyncError ? error : new SyncError('client', String(error));
        result.lastError = syncError;
        if (syncError.kind === 'business' || syncError.kind === 'client') {
          line.answered();
          commitAcks(deps, acks.splice(0));
          hold(deps, message, syncError);
          result.held += 1;
          continue;
        }
        const now = clock.now();
        blocked.add(message.aggregateId);
        result.failed += 1;
        if (syncError.kind === 'network' || syncError.kind === 'unauthorized') {
          // The line, not this message: it is tried again with the next probe.
          const retryAt = line.failed(syncError, now.getTime());
          markFailed(deps, message, syncError, now, retryAt);
          result.lineError = syncError;
          waitingFor(retryAt);
          break;
        }
        line.answered();
        if (syncError.kind === 'rate_limited') line.rateLimited(endpoint, syncError.retryAfterMs, now.getTime());
        // While other messages get through the back-office is up and this failure was bad luck: its
        // retry stays short (0.5–1 s). A message that fails with nothing else getting through backs off.
        const step = result.delivered > 0 ? Math.min(message.attempts, 1) : message.attempts;
        const retryAt = now.getTime() + retryDelayMs(step, deps.random, syncError.retryAfterMs);
        markFailed(deps, message, syncError, now, retryAt);
        waitingFor(retryAt);
      }
    }
  } finally {
    commitAcks(deps, acks);
  }
  return result;
}

function markFailed(deps: DeliveryDeps, message: OutboxRow, error: SyncError, now: Date, retryAt: number): void {
  deps.outbox.markFailed(
    message.id,
    `${error.kind}: ${error.message}`,
    now.toISOString(),
    new Date(retryAt).toISOString(),
  );
}

/** What the back-office acknowledged, to be committed locally. */
interface Ack {
  messageId: number;
  at: string;
  invoices: { invoiceId: string; outstandingMinor: number; status: string; seq: number }[];
  recompute: string[];
}

function commitAcks(deps: DeliveryDeps, acks: Ack[]): void {
  if (acks.length === 0) return;
  const { db, outbox, invoices } = deps;
  db.transaction(() => {
    for (const ack of acks) {
      outbox.markDelivered(ack.messageId, ack.at);
      for (const invoice of ack.invoices) {
        invoices.applyRemoteState(invoice.invoiceId, invoice.outstandingMinor, invoice.status, invoice.seq);
      }
      for (const invoiceId of ack.recompute) invoices.recomputeLocal(invoiceId);
    }
  }).immediate();
}

async function deliverOne(deps: DeliveryDeps, message: OutboxRow): Promise<Ack> {
  const { client, clock } = deps;
  const ack = (invoices: Ack['invoices'] = [], recompute: string[] = []): Ack => ({
    messageId: message.id,
    at: clock.now().toISOString(),
    invoices,
    recompute,
  });
  if (message.kind === 'payment.approved') {
    const payload = ApprovedPayload.parse(JSON.parse(message.payload));
    const answer = await client.postPayment(toPaymentRecord(payload, deps.stationId), message.idempotencyKey);
    return ack(
      answer.invoices,
      payload.allocations.map((a) => a.invoiceId),
    );
  }
  if (message.kind === 'payment.receipt') {
    const payload = ReceiptPayload.parse(JSON.parse(message.payload));
    const pdf = await deps.renderReceipt(payload.paymentId, payload.locale);
    await client.putReceipt(payload.paymentId, pdf, message.idempotencyKey);
    return ack();
  }
  if (message.kind === 'refund.receipt') {
    const payload = RefundReceiptPayload.parse(JSON.parse(message.payload));
    if (!deps.renderRefundReceipt) throw new SyncError('client', 'refund receipts cannot be rendered here');
    const pdf = await deps.renderRefundReceipt(payload.refundId, payload.locale);
    await client.putRefundReceipt(payload.refundId, pdf, message.idempotencyKey);
    return ack();
  }
  // A same-day void travels as the contract's refund record of kind "void".
  if (message.kind === 'payment.refunded' || message.kind === 'payment.voided') {
    const record = BoRefundRecord.parse(JSON.parse(message.payload));
    await client.postRefund(record, message.idempotencyKey);
    return ack();
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
