import { BoDayCloseRecord, BoRefundRecord } from '../../../shared/backoffice/schemas';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository, OutboxRow } from '../repositories/outbox';
import type { PaymentRepository } from '../repositories/payments';
import { retryDelayMs } from './backoff';
import { type BackofficeClient, SyncError } from './backoffice-client';
import { endpointOf, type LineState } from './line-state';
import {
  ApprovedPayload,
  AuditEventPayload,
  ReceiptPayload,
  RefundReceiptPayload,
  SettlementRefsPayload,
  toPaymentRecord,
} from './outbox-payloads';
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
  // Messages the back-office refused to process this pass (a 5xx without Retry-After): tried once
  // more at the end of the pass, under the same Idempotency-Key, so the batch is not held by its
  // unluckiest messages until their next round.
  const again: { message: OutboxRow; retryAt: number }[] = [];
  const failures = new Map<number, SyncError>();
  // Payments with a later message skipped this pass behind a failed one (a receipt behind its record).
  const behind = new Set<string>();
  // Whether the last request got an answer: one request without an answer between answered ones is
  // that request's bad luck (a reset), two in a row is the line.
  let lastAnswered = false;

  /** One attempt; false when the pass must stop (no answer: the line is probed again later). */
  async function attempt(message: OutboxRow, attempts: number, pass: 1 | 2): Promise<boolean> {
    const endpoint = endpointOf(message.kind);
    try {
      acks.push(await deliverOne(deps, message));
      line.accepted();
      lastAnswered = true;
      failures.delete(message.id);
      result.delivered += 1;
      if (acks.length >= ACKS_PER_COMMIT) commitAcks(deps, acks.splice(0));
      return true;
    } catch (error) {
      const syncError = error instanceof SyncError ? error : new SyncError('client', String(error));
      failures.set(message.id, syncError);
      if (syncError.kind === 'business' || syncError.kind === 'client') {
        line.answered();
        lastAnswered = true;
        commitAcks(deps, acks.splice(0));
        hold(deps, message, syncError);
        result.held += 1;
        return true;
      }
      const now = clock.now();
      blocked.add(message.aggregateId);
      const isolatedNoAnswer = syncError.kind === 'network' && lastAnswered;
      if ((syncError.kind === 'network' && !isolatedNoAnswer) || syncError.kind === 'unauthorized') {
        // The line, not this message: it is tried again with the next probe.
        const retryAt = line.failed(syncError, now.getTime());
        markFailed(deps, message, syncError, now, retryAt);
        result.failed += 1;
        result.lineError = syncError;
        waitingFor(retryAt);
        return false;
      }
      lastAnswered = !isolatedNoAnswer;
      if (!isolatedNoAnswer) line.answered();
      if (syncError.kind === 'rate_limited') line.rateLimited(endpoint, syncError.retryAfterMs, now.getTime());
      // While other messages get through the back-office is up and this failure was bad luck: its
      // retry stays short (0.5–1 s). A message that fails with nothing else getting through backs off.
      const step = result.delivered > 0 ? Math.min(attempts, 1) : attempts;
      const retryAt = now.getTime() + retryDelayMs(step, deps.random, syncError.retryAfterMs);
      markFailed(deps, message, syncError, now, retryAt);
      // Only a definite refusal (a 5xx answer) is tried again this pass. A request without an answer
      // may have been processed with the answer lost: it waits for its own next attempt (same key).
      if (pass === 1 && syncError.kind === 'server' && syncError.retryAfterMs === null) {
        again.push({ message, retryAt });
      } else {
        result.failed += 1;
        waitingFor(retryAt);
      }
      return true;
    }
  }

  try {
    for (const message of queue.waiting()) {
      if (blocked.has(message.aggregateId)) {
        behind.add(message.aggregateId);
        continue;
      }
      const nowMs = clock.now().getTime();
      const dueAt = message.nextAttemptAt ? Date.parse(message.nextAttemptAt) : 0;
      const opensAt = line.endpointOpensAt(endpointOf(message.kind));
      if (!options.force && (dueAt > nowMs || opensAt > nowMs)) {
        blocked.add(message.aggregateId);
        waitingFor(Math.max(dueAt, opensAt));
        continue;
      }
      const retried = message.attempts > 0;
      if (await attempt(message, message.attempts, 1)) continue;
      // The line gave no answer to a message it had failed before (a probe). A message never tried
      // (a new approval) is its own probe, once: without this, a new approval that arrives just as
      // the probe falls due would wait behind the probe for the whole outage.
      const fresh = retried ? firstFresh(queue.fresh(), blocked, clock.now().getTime(), line) : null;
      if (fresh) await attempt(fresh, 0, 1);
      break;
    }
    // The second pass, only while the back-office is taking messages (otherwise they wait their turn).
    // Each retry counts as an attempt of its own: a message that fails again backs off as before.
    const retry = result.lineError === null && result.delivered > 0 ? again.splice(0) : [];
    for (const { retryAt } of again.splice(0)) {
      result.failed += 1;
      waitingFor(retryAt);
    }
    for (const [index, { message }] of retry.entries()) {
      if (await attempt(message, message.attempts + 1, 2)) {
        // Delivered now: what waited behind it is due at once (the next round, in a moment).
        if (behind.has(message.aggregateId) && !failures.has(message.id)) waitingFor(clock.now().getTime());
        continue;
      }
      // The line went: the ones not tried wait for their own next attempt (already recorded).
      for (const left of retry.slice(index + 1)) {
        result.failed += 1;
        waitingFor(left.retryAt);
      }
      break;
    }
  } finally {
    commitAcks(deps, acks);
  }
  result.lastError = [...failures.values()].at(-1) ?? null;
  return result;
}

/** The newest message never tried (nothing older waits for its payment) whose endpoint is open. */
function firstFresh(fresh: readonly OutboxRow[], blocked: ReadonlySet<string>, nowMs: number, line: LineState) {
  return (
    fresh.find(
      (message) => !blocked.has(message.aggregateId) && line.endpointOpensAt(endpointOf(message.kind)) <= nowMs,
    ) ?? null
  );
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
  // The audit trail's rows, one aggregate: in seq order, each under `audit:<station>:<seq>`.
  if (message.kind === 'audit_event') {
    await client.postAuditEvent(AuditEventPayload.parse(JSON.parse(message.payload)), message.idempotencyKey);
    return ack();
  }
  // A station's Z report (day/day-service.ts): one record per station and Z number.
  if (message.kind === 'day.closed') {
    await client.postDayClose(BoDayCloseRecord.parse(JSON.parse(message.payload)), message.idempotencyKey);
    return ack();
  }
  if (message.kind === 'settlement.refs') {
    const refs = SettlementRefsPayload.parse(JSON.parse(message.payload));
    await client.postSettlementRefs({ ...refs, stationId: deps.stationId }, message.idempotencyKey);
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
