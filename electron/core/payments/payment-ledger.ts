import { type PaymentEvent, type Transition, transition } from '../../../shared/payment/state-machine';
import { isOpen } from '../../../shared/payment/states';
import { maskCardNumbers } from '../../../shared/security/card-numbers';
import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository } from '../repositories/outbox';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { RefundRepository } from '../repositories/refunds';
import type { VoidRepository } from '../repositories/voids';
import { createPaidAmounts } from './paid-amount';
import type { CardDetails } from './provider';

export interface EventFacts {
  readonly providerRef?: string;
  readonly providerStatus?: string;
  readonly card?: CardDetails | null;
  /** The card slip's lines, masked card number only. */
  readonly slip?: readonly string[] | null;
  readonly failureReason?: string | null;
  /** What the provider says was actually paid, when it differs from the request (Pay. -51). */
  readonly paidMinor?: number;
  /** Evidence kept with the event (what was asked, what came back). Never card data. */
  readonly detail?: unknown;
  /** A pay link the provider created for the attempt: stored with the event that accepts it. */
  readonly payLink?: { readonly url: string; readonly expiresAt: string | null };
}

export interface Applied {
  readonly transition: Transition;
  readonly payment: PaymentRow;
}

export class UnknownPaymentError extends Error {
  override name = 'UnknownPaymentError';
}

/**
 * The only place a payment changes state. Each call is one SQLite transaction: the new state, the
 * evidence row, and — on approval — the invoice updates and the back-office outbox message commit
 * together or not at all.
 */
export function createPaymentLedger(deps: {
  db: Db;
  payments: PaymentRepository;
  invoices: InvoiceRepository;
  outbox: OutboxRepository;
  refunds: RefundRepository;
  voids: VoidRepository;
  clock: Clock;
  stationId: () => string;
  /** Freezes the receipts in the same transaction (receipts/receipt-documents.ts). */
  documents?: {
    paymentSettled(paymentId: string, at: string): void;
    refundRecorded(refundId: string, at: string): void;
  };
  /** The audit trail (ADR 0016): a manager's decisions (keep, resolve by hand), in their transactions. */
  audit?: AuditAppend;
}) {
  const { db, payments, invoices, outbox, refunds, voids, clock } = deps;
  const paidAmounts = createPaidAmounts(db);

  const apply = db.transaction((paymentId: string, event: PaymentEvent, facts: EventFacts): Applied => {
    const row = payments.get(paymentId);
    if (!row) throw new UnknownPaymentError(`no payment ${paymentId}`);
    const at = clock.now().toISOString();
    const result = transition(row, event);
    const to = result.kind === 'moved' ? result.state.status : row.status;
    payments.recordEvent(paymentId, at, event.type, result.kind, row.status, to, {
      ...(facts.detail === undefined ? {} : { evidence: facts.detail }),
      ...(facts.providerStatus ? { providerStatus: facts.providerStatus } : {}),
      ...(facts.paidMinor ? { paidMinor: facts.paidMinor } : {}),
      ...(result.kind === 'moved' ? {} : { reason: result.reason }),
    });
    if (facts.paidMinor && isOpen(row.status)) paidAmounts.record(paymentId, facts.paidMinor);
    if (result.kind !== 'moved') return { transition: result, payment: row };

    if (facts.payLink) payments.setPayLink(paymentId, facts.payLink.url, facts.payLink.expiresAt);
    payments.update(
      paymentId,
      {
        ...result.state,
        providerRef: facts.providerRef ?? null,
        providerStatus: facts.providerStatus ?? null,
        cardBrand: facts.card?.brand ?? null,
        cardLast4: facts.card?.last4 ?? null,
        cardSlip: facts.slip ? JSON.stringify(facts.slip.map(maskCardNumbers)) : null,
        failureReason: facts.failureReason ?? null,
      },
      at,
    );
    // Approved from an open attempt, or kept by a manager after paid-after-cancel: the money counts now.
    if (result.state.status === 'approved' && (isOpen(row.status) || row.status === 'paid_after_cancel')) {
      settle(paymentId, at);
    }
    if (event.type === 'keep') {
      deps.audit?.({
        action: 'payment.keep',
        subject: { kind: 'payment', id: paymentId },
        before: { status: row.status },
        after: { status: result.state.status, amount: { minor: row.amountMinor, currency: row.currency } },
      });
    }
    const updated = payments.get(paymentId);
    if (!updated) throw new UnknownPaymentError(`payment ${paymentId} vanished`);
    return { transition: result, payment: updated };
  });

  /** Applies the planned allocations to the invoices and queues the payment for the back-office. */
  function settle(paymentId: string, at: string): void {
    const booked = paidAmounts.book(paymentId);
    if (booked) payments.recordEvent(paymentId, at, 'paid_amount_booked', 'noted', 'approved', 'approved', booked);
    const lines = payments.allocations(paymentId);
    for (const line of lines) {
      if (line.applied) continue;
      // The money was taken: the approval always commits. Planned allocations go to the back-office
      // as they are; if another counter paid the invoice meanwhile, it refuses and the payment is held.
      invoices.applyPayment(line.invoiceId, line.amountMinor);
      const remaining = invoices.get(line.invoiceId)?.outstandingMinor ?? 0;
      payments.markAllocationApplied(paymentId, line.invoiceId, remaining);
    }
    const payment = payments.get(paymentId);
    if (!payment) return;
    outbox.enqueue(
      {
        kind: 'payment.approved',
        aggregateId: paymentId,
        idempotencyKey: `${payment.idempotencyKey}:approved`,
        payload: {
          paymentId,
          reference: payment.reference,
          customerId: payment.customerId,
          amount: { minor: payment.amountMinor, currency: payment.currency },
          method: payment.method,
          provider: payment.provider,
          providerRef: payment.providerRef,
          terminalId: payment.terminalId,
          card: payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
          allocations: payments
            .allocations(paymentId)
            .map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor })),
          approvedAt: at,
        },
      },
      at,
    );
    // The receipt follows the payment to the back-office (delivered after it, in outbox order).
    outbox.enqueue(
      {
        kind: 'payment.receipt',
        aggregateId: paymentId,
        idempotencyKey: `${payment.idempotencyKey}:receipt`,
        payload: { paymentId, locale: 'nl' },
      },
      at,
    );
    deps.documents?.paymentSettled(paymentId, at);
  }

  /** The provider confirmed a refund: the refund, the payment's refunded amount and the back-office message commit together. */
  const refundSucceeded = db.transaction((refundId: string, providerRef: string | null): Applied => {
    const refund = refunds.get(refundId);
    if (!refund) throw new UnknownPaymentError(`no refund ${refundId}`);
    const at = clock.now().toISOString();
    refunds.setStatus(refundId, 'succeeded', at, { providerRef });
    const applied = apply(
      refund.paymentId,
      { type: 'refund', amountMinor: refund.amountMinor },
      {
        detail: { refundId, kind: refund.kind, providerRef },
      },
    );
    if (applied.transition.kind !== 'moved') {
      throw new Error(`refund ${refundId} does not fit payment ${refund.paymentId}: ${applied.transition.reason}`);
    }
    // Money taken after a cancel and given back was never reported (nor allocated): the back-office
    // has nothing to correct, and the counter's own record is the whole story.
    const reported = payments.allocations(refund.paymentId).some((line) => line.applied);
    if (!reported) return applied;
    outbox.enqueue(
      {
        kind: 'payment.refunded',
        aggregateId: refund.paymentId,
        idempotencyKey: `${refund.idempotencyKey}:refunded`,
        payload: {
          refundId,
          paymentId: refund.paymentId,
          stationId: deps.stationId(),
          kind: 'refund',
          amount: { minor: refund.amountMinor, currency: refund.currency },
          providerRef,
          createdAt: at,
        },
      },
      at,
    );
    deps.documents?.refundRecorded(refundId, at);
    return applied;
  });

  /** A payment inserted as approved (money taken on a device, now assigned): allocate and queue it. */
  const takenElsewhere = db.transaction((paymentId: string, detail: unknown): PaymentRow => {
    const at = clock.now().toISOString();
    payments.recordEvent(paymentId, at, 'assigned', 'moved', 'approved', 'approved', detail);
    settle(paymentId, at);
    const row = payments.get(paymentId);
    if (!row) throw new UnknownPaymentError(`no payment ${paymentId}`);
    return row;
  });

  /**
   * A manager's recorded decision on a payment nobody can ask about any more: unknown, or still open
   * while its provider is no longer configured (then first marked unknown, with that as evidence).
   */
  const resolveByHand = db.transaction(
    (paymentId: string, outcome: 'approved' | 'failed', note: string, providerMissing: boolean): Applied => {
      const row = payments.get(paymentId);
      if (!row) throw new UnknownPaymentError(`no payment ${paymentId}`);
      if (row.status !== 'unknown' && providerMissing) {
        apply(paymentId, { type: 'response_lost' }, { detail: { providerNotConfigured: row.provider, by: 'manager' } });
      }
      const applied = apply(
        paymentId,
        { type: 'manager_resolved', outcome },
        { failureReason: outcome === 'failed' ? 'manager_not_charged' : null, detail: { by: 'manager', note } },
      );
      deps.audit?.({
        action: 'payment.resolve',
        subject: { kind: 'payment', id: paymentId },
        before: { status: row.status, ...(providerMissing ? { providerConfigured: false } : {}) },
        after: { status: applied.payment.status, amount: { minor: row.amountMinor, currency: row.currency } },
        note,
      });
      return applied;
    },
  );

  const unapplyAllocations = db.prepare('UPDATE payment_allocations SET applied = 0 WHERE payment_id = ?');

  /**
   * The provider confirmed a void: the payment becomes voided, its allocations are taken back from
   * the invoices, and — when the back-office was told of the payment — a void record is queued for
   * it, all in one transaction.
   */
  const voidSucceeded = db.transaction((voidId: string, detail: unknown): Applied => {
    const request = voids.get(voidId);
    if (!request) throw new UnknownPaymentError(`no void ${voidId}`);
    const at = clock.now().toISOString();
    voids.setStatus(voidId, 'voided', at);
    const applied = apply(request.paymentId, { type: 'void' }, { detail: { voidId, note: request.note, detail } });
    if (applied.transition.kind !== 'moved') {
      throw new Error(`void ${voidId} does not fit payment ${request.paymentId}: ${applied.transition.reason}`);
    }
    const payment = applied.payment;
    const lines = payments.allocations(payment.id).filter((line) => line.applied);
    unapplyAllocations.run(payment.id);
    if (lines.length === 0) return applied;
    outbox.enqueue(
      {
        kind: 'payment.voided',
        aggregateId: payment.id,
        // One void per payment: the key says so, and a re-queued void is the same record.
        idempotencyKey: `${payment.idempotencyKey}:voided`,
        payload: {
          refundId: voidId,
          paymentId: payment.id,
          stationId: deps.stationId(),
          kind: 'void',
          amount: { minor: payment.amountMinor, currency: payment.currency },
          providerRef: payment.providerRef,
          createdAt: at,
        },
      },
      at,
    );
    // After the message is queued: what the counter shows counts the void until the back-office has it.
    for (const line of lines) invoices.reversePayment(line.invoiceId, line.amountMinor);
    return applied;
  });

  return {
    resolveByHand(paymentId: string, outcome: 'approved' | 'failed', note: string, providerMissing: boolean): Applied {
      return resolveByHand.immediate(paymentId, outcome, note, providerMissing);
    },
    voidSucceeded(voidId: string, detail: unknown): Applied {
      return voidSucceeded.immediate(voidId, detail);
    },
    /** Evidence without a state change (a cancel the provider refused, for example). */
    note(paymentId: string, event: string, detail: unknown): void {
      const row = payments.get(paymentId);
      if (!row) throw new UnknownPaymentError(`no payment ${paymentId}`);
      payments.recordEvent(paymentId, clock.now().toISOString(), event, 'noted', row.status, row.status, detail);
    },
    takenElsewhere(paymentId: string, detail: unknown): PaymentRow {
      return takenElsewhere.immediate(paymentId, detail);
    },
    apply(paymentId: string, event: PaymentEvent, facts: EventFacts = {}): Applied {
      return apply.immediate(paymentId, event, facts);
    },
    refundSucceeded(refundId: string, providerRef: string | null): Applied {
      return refundSucceeded.immediate(refundId, providerRef);
    },
  };
}

export type PaymentLedger = ReturnType<typeof createPaymentLedger>;
