import { ApiError } from '../../../shared/api/errors';
import type { PaymentDto, StartPaymentInput } from '../../../shared/api/schemas';
import { isCurrencyCode } from '../../../shared/money/currency';
import { isOpen } from '../../../shared/payment/states';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { Applied, PaymentLedger } from './payment-ledger';
import type { PaymentTracker } from './payment-tracker';
import { type PaymentProvider, ProviderError, type StartCustomer } from './provider';
import type { ProviderRegistry } from './provider-registry';
import type { AttemptTarget, RecordedAttempt } from './record-attempt';

export interface OrchestratorDeps {
  payments: PaymentRepository;
  ledger: PaymentLedger;
  tracker: PaymentTracker;
  registry: ProviderRegistry;
  recordAttempt: (input: StartPaymentInput, target: AttemptTarget) => RecordedAttempt;
  toDto: (row: PaymentRow) => PaymentDto;
  onApplied: (applied: Applied) => void;
  /**
   * Holds the attempt's invoices against other counters before anything is sent (see
   * sync/invoice-holds.ts). An ApiError means another station holds one: nothing is sent.
   */
  holdInvoices?: (row: PaymentRow) => Promise<ApiError | null>;
  /** The paying customer as the books know them (pay links and cards on file need name, e-mail, ids). */
  customerOf?: (customerId: string) => StartCustomer | null;
  /** Whether this station's business day takes payments (day/day-service.ts; it may open the day). */
  dayOpen?: () => boolean;
}

/**
 * Starts, cancels and recovers payments. The order of steps is the safety argument:
 * commit the attempt → commit "sent" → call the provider → commit its answer. A crash anywhere
 * leaves a row that recovery can resolve by asking the provider.
 */
export function createPaymentOrchestrator(deps: OrchestratorDeps) {
  const { payments, ledger, tracker, registry, recordAttempt, toDto, onApplied } = deps;
  let recovering = true;

  function apply(...args: Parameters<PaymentLedger['apply']>): Applied {
    const applied = ledger.apply(...args);
    onApplied(applied);
    return applied;
  }

  /** Starts on their way to the provider: a cancel pressed now has no provider id to abort yet. */
  const startsInFlight = new Set<string>();
  /** Cancels pressed while the start was in flight (already recorded): sent once the start is answered. */
  const cancelAfterStart = new Set<string>();
  /** Cancels pressed before the attempt reached the provider: by request id (not recorded yet) or payment id. */
  const cancelBeforeSend = new Set<string>();

  /** A cancel that came before anything was sent: the attempt is closed as never sent, nothing reaches a terminal. */
  function closedBeforeSend(row: PaymentRow, requestId: string): PaymentDto | null {
    if (!cancelBeforeSend.delete(requestId) && !cancelBeforeSend.delete(row.id)) return null;
    apply(row.id, { type: 'never_sent' }, { failureReason: 'cancelled_before_send', detail: { by: 'cashier' } });
    return toDto(payments.get(row.id) ?? row);
  }

  async function send(row: PaymentRow, provider: PaymentProvider): Promise<void> {
    apply(row.id, { type: 'send' }, { detail: { terminalId: row.terminalId } });
    startsInFlight.add(row.id);
    try {
      await startAtProvider(row, provider);
    } finally {
      startsInFlight.delete(row.id);
    }
    if (cancelAfterStart.delete(row.id)) {
      // The cashier pressed cancel while the start was on its way: abort the moment the provider's id is known.
      const latest = payments.get(row.id);
      if (latest && isOpen(latest.status)) await cancelAtProvider(latest, provider);
    }
  }

  async function startAtProvider(row: PaymentRow, provider: PaymentProvider): Promise<void> {
    try {
      const { providerRef, payLink } = await provider.start({
        reference: row.reference,
        idempotencyKey: row.idempotencyKey,
        amount: { minor: row.amountMinor, currency: currencyOf(row) },
        terminalId: row.terminalId,
        description: describeInvoices(row, payments),
        phone: row.phone,
        ...(row.linkUse ? { linkUse: row.linkUse } : {}),
        customer: deps.customerOf?.(row.customerId) ?? undefined,
      });
      // A MobilePay request or a pay link waits for the customer's own device, not for a card.
      const phase =
        row.method === 'mobile_request' || row.method === 'payment_link' ? 'waiting_customer' : 'waiting_card';
      apply(
        row.id,
        { type: 'accepted', phase },
        { providerRef, detail: { providerRef }, ...(payLink ? { payLink } : {}) },
      );
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'refused') {
        // The provider's words go with its code (PayTrace's `errors` map: "58: Please provide…").
        apply(
          row.id,
          { type: 'failed' },
          { failureReason: error.code, detail: { refused: error.code, message: error.message } },
        );
        return;
      }
      // We cannot know whether the terminal got it: find out by asking, never by sending again.
      apply(row.id, { type: 'response_lost' }, { detail: { error: String(error) } });
    }
  }

  /** Asks the provider to stop the attempt, recording the request and the answer as evidence. */
  async function cancelAtProvider(payment: PaymentRow, provider: PaymentProvider): Promise<void> {
    const paymentId = payment.id;
    if (provider.capabilities.cancel === 'abort') {
      // An abort can lose the race with the card: record it first, so a late approval shows as
      // paid-after-cancel for a manager rather than as an ordinary sale.
      if (!payment.cancelRequested) apply(paymentId, { type: 'cancel_requested' }, { detail: { by: 'cashier' } });
      try {
        const answer = await provider.cancel(payment);
        apply(paymentId, { type: 'cancel_requested' }, { detail: { providerAnswer: answer } });
      } catch (error) {
        // The cancel may or may not have reached the terminal; the status loop will tell.
        apply(paymentId, { type: 'cancel_requested' }, { detail: { providerError: String(error) } });
      }
    } else {
      // Cancel before approval only (MobilePay): the provider refuses once the customer approved,
      // and then the payment simply completes. Only an accepted cancel marks the attempt; the
      // intent is on record before the call, like every call that may change money.
      ledger.note(paymentId, 'cancel_sent', { by: 'cashier' });
      try {
        const answer = await provider.cancel(payment);
        if (answer === 'accepted') {
          apply(paymentId, { type: 'cancel_requested' }, { detail: { by: 'cashier', providerAnswer: answer } });
        } else {
          ledger.note(paymentId, 'cancel_refused', { providerAnswer: answer });
        }
      } catch (error) {
        ledger.note(paymentId, 'cancel_refused', { providerError: String(error) });
      }
    }
  }

  const orchestrator = {
    get recovering(): boolean {
      return recovering;
    },

    async start(input: StartPaymentInput): Promise<PaymentDto> {
      if (recovering) throw new ApiError('recovery_in_progress', 'unfinished payments are being checked');
      // A closed day takes no new payment; a repeated start of one already recorded gets its answer.
      if (deps.dayOpen && !payments.byRequestId(input.requestId) && !deps.dayOpen()) {
        throw new ApiError('day_closed', 'the day is closed at this station');
      }
      const terminal = await registry.terminal(input.terminalId);
      if (!terminal) throw new ApiError('terminal_unknown', 'unknown terminal', { terminalId: input.terminalId });
      if (!terminal.online) throw new ApiError('terminal_offline', 'terminal is offline', { terminal: terminal.name });

      const { row, created } = recordAttempt(input, {
        provider: terminal.provider.id,
        kind: terminal.kind,
        currencies: terminal.provider.capabilities.currencies,
      });
      if (!created) return toDto(payments.get(row.id) ?? row);
      const cancelledEarly = closedBeforeSend(row, input.requestId);
      if (cancelledEarly) return cancelledEarly;
      const heldElsewhere = (await deps.holdInvoices?.(row)) ?? null;
      if (heldElsewhere) {
        cancelBeforeSend.delete(row.id);
        apply(row.id, { type: 'never_sent' }, { failureReason: heldElsewhere.code, detail: heldElsewhere.params });
        throw heldElsewhere;
      }
      const cancelledWhileHolding = closedBeforeSend(row, input.requestId);
      if (cancelledWhileHolding) return cancelledWhileHolding;
      await send(row, terminal.provider);
      const after = payments.get(row.id) ?? row;
      if (isOpen(after.status)) tracker.track(row.id);
      return toDto(after);
    },

    /** Cancel by the Pay's request id, for a cashier who presses Cancel before the start has answered. */
    async cancelStart(requestId: string): Promise<PaymentDto | null> {
      const row = payments.byRequestId(requestId);
      if (!row) {
        // Not recorded yet (the terminal is being looked up): when it is, it is closed unsent.
        cancelBeforeSend.add(requestId);
        return null;
      }
      if (row.status === 'recorded') {
        // Recorded, not sent (invoice hold in progress): closed before the send.
        cancelBeforeSend.add(row.id);
        return toDto(row);
      }
      return orchestrator.cancel(row.id);
    },

    async cancel(paymentId: string): Promise<PaymentDto> {
      const payment = payments.get(paymentId);
      if (!payment) throw new ApiError('not_found', 'payment not found', { paymentId });
      const provider = registry.provider(payment.provider);
      if (!isOpen(payment.status) || !provider || provider.capabilities.cancel === 'none') {
        throw new ApiError('cannot_cancel', 'this payment can no longer be cancelled', { status: payment.status });
      }
      if (startsInFlight.has(paymentId)) {
        // The provider has not answered the start, so there is no id to abort yet: record the cancel
        // now (durably) and send it the moment the start returns.
        if (provider.capabilities.cancel === 'abort') {
          if (!payment.cancelRequested) {
            apply(paymentId, { type: 'cancel_requested' }, { detail: { by: 'cashier', duringStart: true } });
          }
        } else {
          ledger.note(paymentId, 'cancel_requested', { by: 'cashier', duringStart: true });
        }
        cancelAfterStart.add(paymentId);
        return toDto(payments.get(paymentId) ?? payment);
      }
      await cancelAtProvider(payment, provider);
      await tracker.checkOnce(paymentId).catch(() => undefined);
      tracker.wake(paymentId);
      return toDto(payments.get(paymentId) ?? payment);
    },

    /**
     * Runs before any new payment may start: every attempt left open by the last run is resolved
     * by asking its provider, or shown as unknown and followed up.
     */
    async recover(): Promise<void> {
      recovering = true;
      try {
        for (const payment of payments.open()) {
          if (payment.status === 'recorded') {
            // "sent" is committed before the provider call, so a recorded attempt was never sent.
            apply(payment.id, { type: 'never_sent' }, { failureReason: 'never_sent', detail: { recovery: true } });
            continue;
          }
          const provider = registry.provider(payment.provider);
          if (!provider) {
            // Its provider is no longer configured (demo off, credentials removed): nobody can be
            // asked, so it is shown as unknown for a manager to decide, and nothing polls it.
            if (payment.status !== 'unknown') {
              apply(
                payment.id,
                { type: 'response_lost' },
                { detail: { recovery: true, providerNotConfigured: payment.provider } },
              );
            }
            continue;
          }
          try {
            await tracker.checkOnce(payment.id);
            // Sent before the crash and the provider cannot tell us (Pay. has no lookup by our
            // reference): the outcome is unknown until an exchange call or a manager names it.
            if (payments.get(payment.id)?.status === 'sent') {
              apply(payment.id, { type: 'response_lost' }, { detail: { recovery: true, providerSilent: true } });
            }
          } catch (error) {
            apply(payment.id, { type: 'response_lost' }, { detail: { recovery: true, error: String(error) } });
          }
          // A cancel recorded before the stop may never have reached the provider: abort now.
          const latest = payments.get(payment.id);
          if (
            latest?.cancelRequested &&
            isOpen(latest.status) &&
            latest.providerRef &&
            provider.capabilities.cancel === 'abort'
          ) {
            await cancelAtProvider(latest, provider);
            await tracker.checkOnce(payment.id).catch(() => undefined);
          }
          if (isOpen(payments.get(payment.id)?.status ?? 'failed')) tracker.track(payment.id);
        }
        // An aborted attempt can still turn paid: keep watching until its stored deadline.
        tracker.resumeLateWatches();
      } finally {
        recovering = false;
      }
    },
  };
  return orchestrator;
}

function currencyOf(row: PaymentRow) {
  if (!isCurrencyCode(row.currency)) throw new Error(`stored payment has unknown currency ${row.currency}`);
  return row.currency;
}

function describeInvoices(row: PaymentRow, payments: PaymentRepository): string {
  const numbers = payments.allocations(row.id).map((a) => a.invoiceNumber);
  const shown = numbers.slice(0, 5).join(', ');
  return numbers.length > 5 ? `Invoices ${shown} +${numbers.length - 5}` : `Invoice ${shown}`;
}

export type PaymentOrchestrator = ReturnType<typeof createPaymentOrchestrator>;
