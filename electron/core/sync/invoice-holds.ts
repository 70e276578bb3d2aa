import { ApiError } from '../../../shared/api/errors';
import { MAX_HOLD_SECONDS, PROBLEM_TYPES } from '../../../shared/backoffice/schemas';
import type { Applied, PaymentLedger } from '../payments/payment-ledger';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import { type BackofficeClient, SyncError } from './backoffice-client';

/** Long enough for a card at a terminal or a MobilePay request; an abandoned hold frees itself. */
const HOLD_SECONDS = 10 * 60;
/**
 * A pay link (issue 14) stays payable longer than a card at a terminal, and its invoices must stay
 * held as long as it can be paid, or another counter could take them and the customer would pay
 * twice. A QR shown at the counter (a quarter of an hour) is held for an hour; a link sent to the
 * customer (a week) for the longest hold the back-office contract allows, eight days. The link's own
 * end (paid, expired, stopped) releases or converts the hold as for any payment, so a long hold
 * never outlives its attempt.
 */
export const PAY_LINK_HOLD_SECONDS = 60 * 60;
export const SENT_PAY_LINK_HOLD_SECONDS = MAX_HOLD_SECONDS;

/** How long the back-office is asked to hold this attempt's invoices. */
export function holdSecondsFor(row: Pick<PaymentRow, 'method' | 'linkUse'>, configured?: number): number {
  if (configured !== undefined) return configured;
  if (row.method !== 'payment_link') return HOLD_SECONDS;
  return row.linkUse === 'remote' ? SENT_PAY_LINK_HOLD_SECONDS : PAY_LINK_HOLD_SECONDS;
}

/** The cashier waits for this call: after this long the counter goes on, unchecked. */
const HOLD_TIMEOUT_MS = 3_000;

/** Nobody waits for the end of a hold; still, a dead line should not keep a request open for long. */
const END_TIMEOUT_MS = 5_000;

const PAID = new Set(['approved', 'paid_after_cancel']);
const UNPAID = new Set(['declined', 'cancelled', 'expired', 'failed']);

/** Evidence on the attempt's trail (payment_events) when the other counters could not be checked. */
export const HOLD_UNCHECKED_EVENT = 'invoice_hold_unchecked';

export interface InvoiceHoldDeps {
  payments: PaymentRepository;
  ledger: Pick<PaymentLedger, 'note'>;
  /** The back-office client while one is configured. */
  client: () => BackofficeClient | null;
  holdSeconds?: number;
  timeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Other counters pay the same invoices from their own databases, so before an amount goes to a
 * terminal the attempt holds its invoices at the back-office. A hold another station already has
 * refuses the attempt before any card is charged. An unreachable back-office does not stop the
 * counter: the attempt goes on and its trail says the other counters could not be checked.
 */
export function createInvoiceHolds(deps: InvoiceHoldDeps) {
  const { payments, ledger } = deps;
  const log = deps.log ?? (() => {});

  /** null: go on and send. An ApiError: another station holds an invoice; send nothing. */
  async function hold(row: PaymentRow): Promise<ApiError | null> {
    const client = deps.client();
    if (!client) {
      ledger.note(row.id, HOLD_UNCHECKED_EVENT, { reason: 'no_backoffice' });
      return null;
    }
    const allocations = payments.allocations(row.id);
    try {
      // Taken: nothing to note; the back-office has it under the attempt's key.
      await client.holdInvoices(
        {
          paymentId: row.id,
          customerId: row.customerId,
          currency: row.currency,
          invoices: allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor })),
          expiresInSeconds: holdSecondsFor(row, deps.holdSeconds),
        },
        row.idempotencyKey,
        deps.timeoutMs ?? HOLD_TIMEOUT_MS,
      );
      return null;
    } catch (error) {
      const problem = error instanceof SyncError ? error.problem : null;
      if (problem?.type === PROBLEM_TYPES.invoiceHeldElsewhere) {
        const first = problem.held?.[0];
        const invoiceId = first?.invoiceId ?? problem.invoiceId ?? '';
        const number = allocations.find((a) => a.invoiceId === invoiceId)?.invoiceNumber ?? invoiceId;
        return new ApiError('invoice_held_elsewhere', 'another counter is paying this invoice right now', {
          invoice: number,
          station: first?.stationId ?? '?',
        });
      }
      // Offline, slow or unwell: the counter keeps working, and says what it could not check.
      const kind = error instanceof SyncError ? error.kind : 'client';
      ledger.note(row.id, HOLD_UNCHECKED_EVENT, { reason: kind, error: String(error) });
      return null;
    }
  }

  /**
   * A payment ended: release its hold if no money was taken, convert it if money was. Best effort:
   * a release that fails just expires, and the payment record converts the hold on the back-office.
   */
  function paymentEnded(applied: Applied): void {
    const { payment } = applied;
    if (applied.transition.kind !== 'moved') return;
    const paid = PAID.has(payment.status);
    if (!paid && !UNPAID.has(payment.status)) return;
    const client = deps.client();
    if (!client) return;
    // Asked even when the hold's answer was lost (it may exist all the same); no hold is a harmless 404.
    const key = payment.idempotencyKey;
    const call = paid ? client.convertHold(key, END_TIMEOUT_MS) : client.releaseHold(key, END_TIMEOUT_MS);
    call.catch((error: unknown) =>
      log(`invoice hold of ${payment.reference} not ${paid ? 'converted' : 'released'}`, error),
    );
  }

  return { hold, paymentEnded };
}

export type InvoiceHolds = ReturnType<typeof createInvoiceHolds>;
