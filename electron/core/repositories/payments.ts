import type { AllocationDto, PaymentMethod } from '../../../shared/api/schemas';
import type { PaymentStatus, PendingPhase } from '../../../shared/payment/states';
import { OPEN_PAYMENT_SQL } from '../db/sql-list';
import type { Db } from '../db/types';

export interface PaymentRow {
  id: string;
  requestId: string;
  requestHash: string;
  reference: string;
  idempotencyKey: string;
  customerId: string;
  customerName: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  provider: string;
  terminalId: string;
  phone: string | null;
  status: PaymentStatus;
  phase: PendingPhase | null;
  cancelRequested: boolean;
  refundedMinor: number;
  providerRef: string | null;
  providerStatus: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  /** JSON array of the card slip's lines. */
  cardSlip: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Pay links (Checkout.com): where the customer pays, until when; null for other methods. */
  payLinkUrl: string | null;
  payLinkExpiresAt: string | null;
  /** Pay links: shown at the counter or sent to pay later; null for other methods. */
  linkUse: 'counter' | 'remote' | null;
}

export interface PaymentEventRow {
  at: string;
  event: string;
  outcome: string;
  fromStatus: string;
  toStatus: string;
  detail: string | null;
}

export type NewPayment = Omit<
  PaymentRow,
  | 'customerName'
  | 'status'
  | 'phase'
  | 'cancelRequested'
  | 'refundedMinor'
  | 'providerRef'
  | 'providerStatus'
  | 'cardBrand'
  | 'cardLast4'
  | 'cardSlip'
  | 'failureReason'
  | 'updatedAt'
  | 'payLinkUrl'
  | 'payLinkExpiresAt'
  | 'linkUse'
> & { linkUse?: 'counter' | 'remote' | null };

export interface PaymentPatch {
  status: PaymentStatus;
  phase: PendingPhase | null;
  cancelRequested: boolean;
  refundedMinor: number;
  providerRef?: string | null;
  providerStatus?: string | null;
  cardBrand?: string | null;
  cardLast4?: string | null;
  cardSlip?: string | null;
  failureReason?: string | null;
}

const SELECT = `SELECT p.id, p.request_id AS requestId, p.request_hash AS requestHash, p.reference,
  p.idempotency_key AS idempotencyKey, p.customer_id AS customerId, c.name AS customerName,
  p.amount_minor AS amountMinor, p.currency, p.method, p.provider, p.terminal_id AS terminalId, p.phone, p.status, p.phase,
  p.cancel_requested AS cancelRequested, p.refunded_minor AS refundedMinor, p.provider_ref AS providerRef,
  p.provider_status AS providerStatus, p.card_brand AS cardBrand, p.card_last4 AS cardLast4,
  p.card_slip AS cardSlip, p.failure_reason AS failureReason, p.created_at AS createdAt, p.updated_at AS updatedAt,
  p.pay_link_url AS payLinkUrl, p.pay_link_expires_at AS payLinkExpiresAt, p.link_use AS linkUse
  FROM payments p JOIN customers c ON c.id = p.customer_id`;

type RawRow = Omit<PaymentRow, 'cancelRequested'> & { cancelRequested: number };

function toRow(raw: RawRow): PaymentRow {
  return { ...raw, cancelRequested: raw.cancelRequested === 1 };
}

export function createPaymentRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO payments (id, request_id, request_hash, reference, idempotency_key, customer_id, amount_minor,
       currency, method, provider, terminal_id, phone, status, created_at, updated_at, link_use)
     VALUES (@id, @requestId, @requestHash, @reference, @idempotencyKey, @customerId, @amountMinor,
       @currency, @method, @provider, @terminalId, @phone, @status, @createdAt, @createdAt, @linkUse)`,
  );
  const setPayLink = db.prepare('UPDATE payments SET pay_link_url = ?, pay_link_expires_at = ? WHERE id = ?');
  const insertAllocation = db.prepare(
    'INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor, remaining_minor) VALUES (?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], RawRow>(`${SELECT} WHERE p.id = ?`);
  const byRequest = db.prepare<[string], RawRow>(`${SELECT} WHERE p.request_id = ?`);
  const open = db.prepare<[], RawRow>(`${SELECT} WHERE p.status IN ${OPEN_PAYMENT_SQL} ORDER BY p.created_at`);
  const openOnTerminal = db.prepare<[string], RawRow>(
    `${SELECT} WHERE p.terminal_id = ? AND p.status IN ${OPEN_PAYMENT_SQL}`,
  );
  const openOnDevice = db.prepare<[string, string], RawRow>(
    `${SELECT} WHERE p.terminal_id = ? AND coalesce(p.phone, '') = ?
       AND p.status IN ${OPEN_PAYMENT_SQL}`,
  );
  const byReference = db.prepare<[string], RawRow>(`${SELECT} WHERE p.reference = ?`);
  const byProviderRef = db.prepare<[string, string], RawRow>(`${SELECT} WHERE p.provider = ? AND p.provider_ref = ?`);
  const since = db.prepare<[string], RawRow>(`${SELECT} WHERE p.created_at >= ? ORDER BY p.created_at DESC`);
  const recent = db.prepare<[string, number], RawRow>(
    `${SELECT} WHERE p.customer_id = ? ORDER BY p.created_at DESC LIMIT ?`,
  );
  const allocations = db.prepare<[string], AllocationDto & { applied: number }>(
    `SELECT a.invoice_id AS invoiceId, i.number AS invoiceNumber, a.amount_minor AS amountMinor,
       a.remaining_minor AS remainingMinor, a.applied
     FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
     WHERE a.payment_id = ? ORDER BY i.due_date, i.issue_date, i.number`,
  );
  const markApplied = db.prepare(
    'UPDATE payment_allocations SET applied = 1, remaining_minor = ? WHERE payment_id = ? AND invoice_id = ?',
  );
  const update = db.prepare(
    `UPDATE payments SET status = @status, phase = @phase, cancel_requested = @cancelRequested,
       refunded_minor = @refundedMinor, provider_ref = coalesce(@providerRef, provider_ref),
       provider_status = coalesce(@providerStatus, provider_status), card_brand = coalesce(@cardBrand, card_brand),
       card_last4 = coalesce(@cardLast4, card_last4), card_slip = coalesce(@cardSlip, card_slip), failure_reason = coalesce(@failureReason, failure_reason),
       updated_at = @updatedAt
     WHERE id = @id`,
  );
  const eventsOf = db.prepare<[string], PaymentEventRow>(
    `SELECT at, event, outcome, from_status AS fromStatus, to_status AS toStatus, detail
     FROM payment_events WHERE payment_id = ? ORDER BY id`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO payment_events (payment_id, at, event, outcome, from_status, to_status, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    /** `approved`: only for money already taken elsewhere (a device payment being assigned). */
    insert(
      payment: NewPayment,
      lines: readonly { invoiceId: string; amountMinor: number; remainingMinor: number }[],
      status: 'recorded' | 'approved' = 'recorded',
    ) {
      insert.run({ ...payment, linkUse: payment.linkUse ?? null, status });
      for (const line of lines) insertAllocation.run(payment.id, line.invoiceId, line.amountMinor, line.remainingMinor);
    },
    get(id: string): PaymentRow | undefined {
      const raw = byId.get(id);
      return raw && toRow(raw);
    },
    byRequestId(requestId: string): PaymentRow | undefined {
      const raw = byRequest.get(requestId);
      return raw && toRow(raw);
    },
    open(): PaymentRow[] {
      return open.all().map(toRow);
    },
    /** Any open attempt on the terminal (for MobilePay: on any phone). */
    openOnTerminal(terminalId: string): PaymentRow | undefined {
      const raw = openOnTerminal.get(terminalId);
      return raw && toRow(raw);
    },
    /** The open attempt that blocks this terminal, or for MobilePay this phone number. */
    openOnDevice(terminalId: string, phone: string | null): PaymentRow | undefined {
      const raw = openOnDevice.get(terminalId, phone ?? '');
      return raw && toRow(raw);
    },
    byReference(reference: string): PaymentRow | undefined {
      const raw = byReference.get(reference);
      return raw && toRow(raw);
    },
    byProviderRef(provider: string, providerRef: string): PaymentRow | undefined {
      const raw = byProviderRef.get(provider, providerRef);
      return raw && toRow(raw);
    },
    createdSince(isoTime: string): PaymentRow[] {
      return since.all(isoTime).map(toRow);
    },
    recentForCustomer(customerId: string, limit: number): PaymentRow[] {
      return recent.all(customerId, limit).map(toRow);
    },
    allocations(paymentId: string) {
      return allocations.all(paymentId);
    },
    markAllocationApplied(paymentId: string, invoiceId: string, remainingMinor: number): void {
      markApplied.run(remainingMinor, paymentId, invoiceId);
    },
    update(id: string, patch: PaymentPatch, at: string): void {
      update.run({
        id,
        status: patch.status,
        phase: patch.phase,
        cancelRequested: patch.cancelRequested ? 1 : 0,
        refundedMinor: patch.refundedMinor,
        providerRef: patch.providerRef ?? null,
        providerStatus: patch.providerStatus ?? null,
        cardBrand: patch.cardBrand ?? null,
        cardLast4: patch.cardLast4 ?? null,
        cardSlip: patch.cardSlip ?? null,
        failureReason: patch.failureReason ?? null,
        updatedAt: at,
      });
    },
    /** A pay link's address and expiry, as the provider answered the start (see payment-ledger.ts). */
    setPayLink(id: string, url: string, expiresAt: string | null): void {
      setPayLink.run(url, expiresAt, id);
    },
    /** The evidence trail: every event, including ignored late ones, oldest first. */
    events(paymentId: string): PaymentEventRow[] {
      return eventsOf.all(paymentId);
    },
    recordEvent(
      paymentId: string,
      at: string,
      event: string,
      outcome: string,
      from: string,
      to: string,
      detail: unknown,
    ): void {
      insertEvent.run(paymentId, at, event, outcome, from, to, detail === undefined ? null : JSON.stringify(detail));
    },
  };
}

export type PaymentRepository = ReturnType<typeof createPaymentRepository>;
