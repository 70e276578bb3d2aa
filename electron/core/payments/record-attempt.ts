import { createHash, randomUUID } from 'node:crypto';
import { type AllocationError, type AllocationLine, allocate } from '../../../shared/allocation/allocate';
import { ApiError } from '../../../shared/api/errors';
import type { PaymentMethod, StartPaymentInput } from '../../../shared/api/schemas';
import { isCurrencyCode } from '../../../shared/money/currency';
import { normalizeMobilePayPhone } from '../../../shared/payment/phone';
import { attemptReference } from '../../../shared/payment/reference';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { NewPayment, PaymentRepository, PaymentRow } from '../repositories/payments';
import type { TerminalKind } from './provider';

export interface RecordedAttempt {
  readonly row: PaymentRow;
  /** false: this request was recorded before (a double click or a retried request). */
  readonly created: boolean;
}

export interface TakenPaymentInput extends StartPaymentInput {
  readonly provider: string;
  readonly providerRef: string;
  readonly card: { brand: string | null; last4: string } | null;
}

/** Where the attempt goes: what the orchestrator knows about the chosen terminal or MobilePay. */
export interface AttemptTarget {
  readonly provider: string;
  readonly kind: TerminalKind;
  readonly currencies: readonly string[] | null;
}

export interface AttemptDeps {
  db: Db;
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  payments: PaymentRepository;
  clock: Clock;
  stationId: () => string;
}

/** Same input, same hash: a retried request may return the first payment, a changed one may not. */
export function requestHash(input: StartPaymentInput): string {
  const canonical = JSON.stringify([
    input.customerId,
    [...input.invoiceIds].sort(),
    input.amount.minor,
    input.amount.currency,
    Object.entries(input.split ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
    input.terminalId,
    input.phone ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Validates a Pay press and commits the attempt (idempotency key, reference, invoices and amounts,
 * terminal) in one transaction. Nothing is sent to a provider before this returns.
 */
export function createAttemptRecorder(deps: AttemptDeps) {
  const { db, customers, invoices, payments, clock } = deps;

  const record = db.transaction((input: StartPaymentInput, target: AttemptTarget): RecordedAttempt => {
    // Checked inside the transaction: two identical requests racing each other get one payment.
    const earlier = payments.byRequestId(input.requestId);
    if (earlier) {
      if (earlier.requestHash !== requestHash(input)) {
        throw new ApiError('request_reused', 'this request id was used for another payment');
      }
      return { row: earlier, created: false };
    }
    const customer = customers.get(input.customerId);
    if (!customer) throw new ApiError('not_found', 'customer not found', { customerId: input.customerId });
    const currency = input.amount.currency;
    if (!isCurrencyCode(currency)) throw new ApiError('unsupported_currency', 'unsupported currency', { currency });
    if (currency !== customer.currency) {
      throw new ApiError('wrong_currency', 'amount currency differs from the invoices', {
        currency,
        expected: customer.currency,
      });
    }
    if (input.amount.minor <= 0) throw new ApiError('amount_not_positive', 'amount must be above zero');
    if (target.currencies && !target.currencies.includes(currency)) {
      throw new ApiError('currency_not_supported_by_provider', 'this payment method does not take this currency', {
        currency,
        supported: target.currencies.join(', '),
      });
    }
    const phone = target.kind === 'mobilepay' ? checkPhone(input.phone) : null;
    // Pay links are many at once (one per customer's phone or mailbox): no device to be busy.
    const busy = target.kind === 'pay_link' ? undefined : payments.openOnDevice(input.terminalId, phone);
    if (busy)
      throw new ApiError('terminal_busy', 'a payment is pending on this terminal', { reference: busy.reference });

    const result = allocateFor(input, customer.id);

    const { id, createdAt } = insertPayment(
      input,
      {
        customerId: customer.id,
        method: methodOf(target.kind),
        provider: target.provider,
        phone,
        // Reaches StartRequest.linkUse: the link's expiry depends on it (counter: short, remote: long).
        linkUse: target.kind === 'pay_link' ? (input.linkUse ?? 'counter') : null,
      },
      result,
      'recorded',
    );
    payments.recordEvent(id, createdAt, 'recorded', 'moved', 'recorded', 'recorded', {
      invoices: result.length,
      terminalId: input.terminalId,
    });
    const row = payments.get(id);
    if (!row) throw new Error('payment row missing after insert');
    return { row, created: true };
  });

  /** One new payment row with its planned allocations: a fresh id, reference and idempotency key. */
  function insertPayment(
    input: StartPaymentInput,
    what: Pick<NewPayment, 'customerId' | 'method' | 'provider' | 'phone' | 'linkUse'>,
    lines: readonly AllocationLine[],
    status: 'recorded' | 'approved',
  ): { id: string; createdAt: string } {
    const createdAt = clock.now().toISOString();
    const id = paymentId(clock.now());
    payments.insert(
      {
        ...what,
        id,
        requestId: input.requestId,
        requestHash: requestHash(input),
        reference: attemptReference(deps.stationId(), id),
        idempotencyKey: randomUUID(),
        amountMinor: input.amount.minor,
        currency: input.amount.currency,
        terminalId: input.terminalId,
        createdAt,
      },
      lines,
      status,
    );
    return { id, createdAt };
  }

  /** Plans the allocation over the chosen (or all open) invoices, net of what pending payments reserve. */
  function allocateFor(input: StartPaymentInput, customerId: string) {
    const selected =
      input.invoiceIds.length === 0 ? invoices.openForCustomer(customerId) : loadSelected(input, customerId);
    const allocatable = selected.map((inv) => {
      const reserved = invoices.reservedMinor(inv.id);
      if (inv.outstandingMinor > 0 && reserved >= inv.outstandingMinor) {
        throw new ApiError('invoice_reserved', 'a pending payment already covers this invoice', {
          invoice: inv.number,
        });
      }
      return { ...inv, outstandingMinor: inv.outstandingMinor - reserved };
    });

    const result = allocate(allocatable, input.amount.minor, input.split ?? {});
    if (!result.ok) throw allocationError(result.error);
    return result.lines;
  }

  /**
   * Money already taken on a device without a Kassa reference, now assigned by the cashier to a
   * customer's invoices: the same validation and allocation, inserted as approved.
   */
  const recordTaken = db.transaction((input: TakenPaymentInput): PaymentRow => {
    const customer = customers.get(input.customerId);
    if (!customer) throw new ApiError('not_found', 'customer not found', { customerId: input.customerId });
    if (input.amount.currency !== customer.currency) {
      throw new ApiError('wrong_currency', 'amount currency differs from the invoices', {
        currency: input.amount.currency,
        expected: customer.currency,
      });
    }
    const lines = allocateFor(input, customer.id);
    const { id, createdAt } = insertPayment(
      input,
      { customerId: customer.id, method: 'card_terminal', provider: input.provider, phone: null },
      lines,
      'approved',
    );
    payments.update(
      id,
      {
        status: 'approved',
        phase: null,
        cancelRequested: false,
        refundedMinor: 0,
        providerRef: input.providerRef,
        cardBrand: input.card?.brand ?? null,
        cardLast4: input.card?.last4 ?? null,
      },
      createdAt,
    );
    const row = payments.get(id);
    if (!row) throw new Error('payment row missing after insert');
    return row;
  });

  function loadSelected(input: StartPaymentInput, customerId: string) {
    const unique = [...new Set(input.invoiceIds)];
    return unique.map((invoiceId) => {
      const inv = invoices.get(invoiceId);
      if (!inv) throw new ApiError('not_found', 'invoice not found', { invoiceId });
      if (inv.customerId !== customerId) {
        throw new ApiError('invoice_not_of_customer', 'invoice belongs to another customer', { invoice: inv.number });
      }
      if (inv.currency !== input.amount.currency) {
        throw new ApiError('wrong_currency', 'invoice is in another currency', {
          currency: input.amount.currency,
          expected: inv.currency,
        });
      }
      if (inv.outstandingMinor <= 0)
        throw new ApiError('invoice_already_paid', 'invoice is paid', { invoice: inv.number });
      return inv;
    });
  }

  return {
    record(input: StartPaymentInput, target: AttemptTarget): RecordedAttempt {
      return record.immediate(input, target);
    },
    recordTaken(input: TakenPaymentInput): PaymentRow {
      return recordTaken.immediate(input);
    },
  };
}

function checkPhone(phone: string | undefined): string {
  if (!phone?.trim()) throw new ApiError('phone_required', "a MobilePay request needs the customer's phone number");
  const checked = normalizeMobilePayPhone(phone);
  if (!checked.ok) throw new ApiError(checked.error, 'phone number not usable for MobilePay', { phone });
  return checked.msisdn;
}

function allocationError(error: AllocationError): ApiError {
  const { code, ...params } = error;
  return new ApiError(code, code.replaceAll('_', ' '), params);
}

/** Time-sortable and unique enough for one counter: P-yyyymmddhhmmss-xxxxxx. */
function paymentId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `P-${stamp}-${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}

/** How a payment on this kind of target is recorded and reported (receipts, back-office). */
export function methodOf(kind: TerminalKind): PaymentMethod {
  switch (kind) {
    case 'mobilepay':
      return 'mobile_request';
    case 'pay_link':
      return 'payment_link';
    case 'on_file':
      return 'on_file';
    default:
      return 'card_terminal';
  }
}
