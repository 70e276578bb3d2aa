import { isOpen, type PaymentStatus } from '../../../shared/payment/states';
import type { PaymentRepository } from '../repositories/payments';
import { createCaptureStep } from './capture-step';
import { retryDelayMs } from './json-client';
import type { LateWatchStore } from './late-approval-watch';
import type { Applied, PaymentLedger } from './payment-ledger';
import type { ProviderRegistry } from './provider-registry';
import { mapProviderStatus } from './status-mapping';

const MAX_BACKOFF_MS = 15_000;
/** Status queries that fail in a row before the cashier is told the outcome is unknown. */
const FAILURES_BEFORE_UNKNOWN = 3;
/** The closed states a provider's unconfirmed "no" can leave, each still open to a late approval. */
const UNCONFIRMED_NO_STATUSES: readonly PaymentStatus[] = ['declined', 'cancelled', 'expired', 'failed'];

/**
 * Follows every open payment by asking its provider for the status until the payment is final.
 * One loop per payment; a failed query backs off and, after a few, marks the outcome unknown —
 * it never sends the payment again.
 */
export function createPaymentTracker(deps: {
  payments: PaymentRepository;
  ledger: PaymentLedger;
  registry: ProviderRegistry;
  onApplied: (applied: Applied) => void;
  /** Keeps the late-approval watch's deadline across restarts (without it: in memory only). */
  lateWatch?: LateWatchStore;
}) {
  const { payments, ledger, registry, onApplied } = deps;
  const loops = new Map<string, { timer: NodeJS.Timeout | null; failures: number; wake: () => void }>();
  /** Closed on a "no" the provider may still take back (a LAN terminal's unconfirmed word): watched like an abort. */
  const unconfirmedNo = new Set<string>();
  let stopped = false;
  const settleReservation = createCaptureStep({ payments, ledger, onApplied });

  /**
   * Asks the provider once and records what it says. Returns false when the payment is no longer open.
   * `closedToo`: also ask about a closed payment (a late approval after a cancel must not be missed).
   */
  async function checkOnce(paymentId: string, options: { closedToo?: boolean } = {}): Promise<boolean> {
    const payment = payments.get(paymentId);
    if (!payment || (!isOpen(payment.status) && !options.closedToo)) return false;
    const provider = registry.provider(payment.provider);
    if (!provider) return false;
    const status = await provider.status(payment);
    // Approved but not captured (Vipps): capturing moves money, so it is a ledger step of its own.
    if (status.kind === 'authorized') {
      await settleReservation(paymentId, provider, status);
      return isOpen(payments.get(paymentId)?.status ?? 'failed');
    }
    const latest = payments.get(paymentId);
    if (!latest) return false;
    const mapped = mapProviderStatus(status, latest.status, provider.capabilities);
    if (status.watchForLateApproval && loops.has(paymentId)) unconfirmedNo.add(paymentId);
    if (mapped.event) {
      onApplied(
        ledger.apply(paymentId, mapped.event, {
          providerStatus: status.raw,
          card: mapped.card,
          slip: mapped.slip ?? null,
          ...(mapped.providerRef ? { providerRef: mapped.providerRef } : {}),
          ...(mapped.paidMinor ? { paidMinor: mapped.paidMinor } : {}),
          failureReason: mapped.failureReason,
          detail: { query: 'status', answer: status.kind },
        }),
      );
    }
    return isOpen(payments.get(paymentId)?.status ?? 'failed');
  }

  function track(paymentId: string): void {
    if (stopped || loops.has(paymentId)) return;
    const payment = payments.get(paymentId);
    const provider = payment && registry.provider(payment.provider);
    if (!provider) return;
    const { pollIntervalMs: interval, firstPollDelayMs, lateApprovalWatchMs } = provider.capabilities;
    let watchUntil: number | null = deps.lateWatch?.deadline(paymentId) ?? null;
    const loop = { timer: null as NodeJS.Timeout | null, failures: 0, wake: () => {} };
    loops.set(paymentId, loop);

    const schedule = (delay: number) => {
      if (stopped) return;
      loop.timer = setTimeout(tick, delay);
    };
    loop.wake = () => {
      if (loop.timer) clearTimeout(loop.timer);
      schedule(0);
    };
    const tick = async () => {
      loop.timer = null;
      try {
        const open = await checkOnce(paymentId, { closedToo: watchUntil !== null });
        loop.failures = 0;
        if (open) {
          schedule(interval);
          return;
        }
        // An aborted attempt can still be paid (Pay.): keep looking, more slowly, for a while.
        const closed = payments.get(paymentId);
        const aborted =
          closed?.cancelRequested === true && (closed.status === 'cancelled' || closed.status === 'expired');
        const unconfirmed =
          unconfirmedNo.has(paymentId) && closed !== undefined && UNCONFIRMED_NO_STATUSES.includes(closed.status);
        const watchable = lateApprovalWatchMs > 0 && (aborted || unconfirmed);
        if (watchable) {
          if (watchUntil === null) {
            watchUntil = Date.now() + lateApprovalWatchMs;
            deps.lateWatch?.set(paymentId, new Date(watchUntil));
          }
          if (Date.now() < watchUntil) {
            schedule(interval * 5);
            return;
          }
        }
        loops.delete(paymentId);
        unconfirmedNo.delete(paymentId);
      } catch (error) {
        loop.failures += 1;
        if (loop.failures === FAILURES_BEFORE_UNKNOWN) {
          onApplied(
            ledger.apply(paymentId, { type: 'response_lost' }, { detail: { query: 'status', error: String(error) } }),
          );
        }
        schedule(retryDelayMs(loop.failures, { baseMs: interval, maxMs: MAX_BACKOFF_MS }));
      }
    };
    schedule(firstPollDelayMs);
  }

  return {
    track,
    checkOnce,
    /** On start: closed payments still inside their late-approval watch are followed again. */
    resumeLateWatches(): void {
      for (const paymentId of deps.lateWatch?.watching(new Date()) ?? []) track(paymentId);
    },
    /** Ask now rather than at the next interval (after a cancel, for example). */
    wake(paymentId: string): void {
      loops.get(paymentId)?.wake();
    },
    stop(): void {
      stopped = true;
      for (const loop of loops.values()) if (loop.timer) clearTimeout(loop.timer);
      loops.clear();
    },
  };
}

export type PaymentTracker = ReturnType<typeof createPaymentTracker>;
