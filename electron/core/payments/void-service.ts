import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { VoidPaymentInput } from '../../../shared/api/schemas';
import { type Clock, localDate } from '../clock';
import type { Db } from '../db/open-database';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { RefundRepository } from '../repositories/refunds';
import type { VoidRepository, VoidRow } from '../repositories/voids';
import type { Applied, PaymentLedger } from './payment-ledger';
import { type PaymentProvider, ProviderError } from './provider';
import type { ProviderRegistry } from './provider-registry';

export interface VoidServiceDeps {
  db: Db;
  payments: PaymentRepository;
  refunds: RefundRepository;
  voids: VoidRepository;
  ledger: PaymentLedger;
  registry: ProviderRegistry;
  clock: Clock;
  onApplied: (applied: Applied) => void;
  onVoidChanged: (paymentId: string) => void;
  pollIntervalMs?: number;
}

/**
 * Same-day voids as durable attempts: the void row and its evidence commit before the provider is
 * asked; its answer commits after. A lost answer is settled by asking the provider for the payment's
 * status, never by sending the void again.
 */
export function createVoidService(deps: VoidServiceDeps) {
  const { db, payments, refunds, voids, ledger, registry, clock } = deps;
  const watching = new Set<string>();
  let stopped = false;

  /** Why this payment cannot be voided now, or null when it can. */
  function refusal(payment: PaymentRow, provider: PaymentProvider | undefined): string | null {
    if (payment.refundedMinor > 0 || refunds.forPayment(payment.id).some((r) => r.status !== 'failed')) {
      return 'refunded';
    }
    if (payment.status !== 'approved') return 'not_approved';
    // Acquirers settle at the end of the day; after that only a refund gives the money back.
    if (localDate(new Date(payment.createdAt)) !== localDate(clock.now())) return 'not_today';
    if (!provider?.void || !provider.capabilities.voids) return 'provider_cannot_void';
    // The provider already said it is settled (captured): from now on the screen offers a refund only.
    if (voids.latestForPayment(payment.id)?.status === 'too_late') return 'settled';
    // The provider knows the batch settled (PayTrace): only a refund gives the money back now.
    if (provider.settledState?.(payment) === 'settled') return 'settled';
    if (voids.openForPayment(payment.id)) return 'void_in_progress';
    return null;
  }

  const record = db.transaction((input: VoidPaymentInput): VoidRow => {
    const payment = payments.get(input.paymentId);
    if (!payment) throw new ApiError('not_found', 'payment not found', { paymentId: input.paymentId });
    const reason = refusal(payment, registry.provider(payment.provider));
    if (reason) throw new ApiError('cannot_void', 'this payment cannot be voided', { reason, status: payment.status });
    const at = clock.now().toISOString();
    const id = `V-${at.replace(/[-:TZ.]/g, '').slice(0, 14)}-${randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase()}`;
    voids.insert({ id, paymentId: payment.id, requestId: input.requestId, note: input.note, createdAt: at });
    ledger.note(payment.id, 'void_requested', { voidId: id, by: 'manager', note: input.note });
    const row = voids.get(id);
    if (!row) throw new Error('void row missing after insert');
    return row;
  });

  function changed(paymentId: string): void {
    deps.onVoidChanged(paymentId);
  }

  function failed(request: VoidRow, status: 'too_late' | 'failed', reason: string, detail: unknown): void {
    db.transaction(() => {
      voids.setStatus(request.id, status, clock.now().toISOString(), reason);
      ledger.note(request.paymentId, `void_${status}`, { voidId: request.id, reason, detail });
    }).immediate();
    changed(request.paymentId);
  }

  /** Commits "sent", asks the provider once, and commits its answer. */
  async function send(request: VoidRow, payment: PaymentRow, provider: PaymentProvider): Promise<void> {
    voids.setStatus(request.id, 'sent', clock.now().toISOString());
    let answer: 'voided' | 'too_late';
    try {
      if (!provider.void) throw new ProviderError('refused', 'provider_cannot_void', 'provider has no void');
      answer = await provider.void(payment);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'refused') {
        failed(request, 'failed', error.code, { providerError: error.message });
        throw new ApiError('void_failed', 'the provider refused the void', { reason: error.code });
      }
      // The void may or may not have been done: ask about the payment, never void again blindly.
      db.transaction(() => {
        voids.setStatus(request.id, 'unknown', clock.now().toISOString(), 'no_answer');
        ledger.note(payment.id, 'void_answer_lost', { voidId: request.id, error: String(error) });
      }).immediate();
      changed(payment.id);
      if (!(await askStatus(request.id))) watch(request.id);
      return;
    }
    if (answer === 'voided') {
      deps.onApplied(ledger.voidSucceeded(request.id, { providerAnswer: answer }));
      return;
    }
    failed(request, 'too_late', 'too_late', { providerAnswer: answer });
    throw new ApiError('void_too_late', 'the payment is settled: refund it instead');
  }

  /** A void whose answer was lost: the payment's status says whether it happened. true when settled. */
  async function askStatus(voidId: string): Promise<boolean> {
    const request = voids.get(voidId);
    const payment = request && payments.get(request.paymentId);
    const provider = payment && registry.provider(payment.provider);
    if (!request || !payment || request.status !== 'unknown') return true;
    if (!provider) return false;
    try {
      const status = await provider.status(payment);
      if (status.kind === 'cancelled') {
        deps.onApplied(ledger.voidSucceeded(voidId, { query: 'status', answer: status.raw }));
        return true;
      }
      if (status.kind === 'approved') {
        // Still approved at the provider: the void never took effect. The money stays taken.
        failed(request, 'failed', 'not_voided', { query: 'status', answer: status.raw });
        return true;
      }
    } catch {
      // Unreachable: asked again at the next tick.
    }
    return false;
  }

  function watch(voidId: string): void {
    if (watching.has(voidId) || stopped) return;
    watching.add(voidId);
    const tick = async () => {
      if (stopped) return;
      if (await askStatus(voidId)) {
        watching.delete(voidId);
        return;
      }
      setTimeout(tick, deps.pollIntervalMs ?? 1_500).unref();
    };
    setTimeout(tick, deps.pollIntervalMs ?? 1_500).unref();
  }

  return {
    /** Whether the payment could be voided now (the screen offers the button). */
    voidable(payment: PaymentRow): boolean {
      return refusal(payment, registry.provider(payment.provider)) === null;
    },

    async void(input: VoidPaymentInput): Promise<PaymentRow> {
      // A repeated press of the same Void returns the first void's outcome.
      const earlier = voids.byRequestId(input.requestId);
      const first = earlier && payments.get(earlier.paymentId);
      if (first) return first;
      const request = record.immediate(input);
      const payment = payments.get(request.paymentId);
      const provider = payment && registry.provider(payment.provider);
      if (!payment || !provider) throw new Error(`void ${request.id} lost its payment or provider`);
      await send(request, payment, provider);
      return payments.get(payment.id) ?? payment;
    },

    /** On start: a void never sent is closed; one sent when the counter stopped is settled by asking. */
    resume(): void {
      const at = clock.now().toISOString();
      for (const request of voids.open()) {
        if (request.status === 'recorded') {
          voids.setStatus(request.id, 'failed', at, 'never_sent');
          continue;
        }
        if (request.status === 'sent') voids.setStatus(request.id, 'unknown', at, 'no_answer');
        watch(request.id);
      }
    },

    stop(): void {
      stopped = true;
    },
  };
}

export type VoidService = ReturnType<typeof createVoidService>;
