import { retryDelayMs } from './backoff';
import type { SyncError } from './backoffice-client';

/** The back-office calls a message can wait on: a 429 on one does not slow the others. */
export type Endpoint = 'payments' | 'payment-receipts' | 'refunds' | 'refund-receipts' | 'day-closes' | 'pull';

export function endpointOf(kind: string): Endpoint {
  if (kind === 'payment.approved') return 'payments';
  if (kind === 'payment.receipt') return 'payment-receipts';
  if (kind === 'refund.receipt') return 'refund-receipts';
  if (kind === 'day.closed') return 'day-closes';
  return 'refunds';
}

/** While the line is down a probe goes out every 0.75–1.5 s, so delivery moves within 2 s of it healing. */
const LINE_PROBE_MAX_MS = 1_500;

/**
 * What the sync engine knows about the line as a whole (as opposed to one message): whether the
 * back-office answers at all, whether it accepts our credentials, and which endpoints asked us to
 * slow down (429 + Retry-After). Times are epoch milliseconds of the engine's clock.
 */
export function createLineState(random: () => number) {
  let networkFailures = 0;
  let refusedCredentials = 0;
  let retryAt = 0;
  const endpointUntil = new Map<Endpoint, number>();

  return {
    /** True while the line is down or refuses us and the next probe is not yet due. */
    waiting(nowMs: number): boolean {
      return (networkFailures > 0 || refusedCredentials > 0) && nowMs < retryAt;
    },
    down(): boolean {
      return networkFailures > 0;
    },
    retryAt(): number | null {
      return networkFailures > 0 || refusedCredentials > 0 ? retryAt : null;
    },
    /** A new message: its first attempt may go out now, even while the line looks down. */
    allowProbe(nowMs: number): void {
      retryAt = Math.min(retryAt, nowMs);
    },
    /** Any answer from the back-office (even a refusal) means the line itself works. */
    answered(): void {
      networkFailures = 0;
    },
    accepted(): void {
      networkFailures = 0;
      refusedCredentials = 0;
    },
    /** No answer: probe again soon but not in a loop (0.25 s, 0.5 s, then 0.75–1.5 s). */
    failed(error: SyncError, nowMs: number): number {
      if (error.kind === 'unauthorized') {
        networkFailures = 0;
        refusedCredentials += 1;
        retryAt = nowMs + retryDelayMs(refusedCredentials - 1, random);
        return retryAt;
      }
      networkFailures += 1;
      const step = Math.min(LINE_PROBE_MAX_MS, 250 * 2 ** (networkFailures - 1));
      retryAt = nowMs + Math.round(step * (0.5 + random() * 0.5));
      return retryAt;
    },
    endpointOpen(endpoint: Endpoint, nowMs: number): boolean {
      return (endpointUntil.get(endpoint) ?? 0) <= nowMs;
    },
    endpointOpensAt(endpoint: Endpoint): number {
      return endpointUntil.get(endpoint) ?? 0;
    },
    /** A 429: only this endpoint waits, for what Retry-After asks (at least half a second without one). */
    rateLimited(endpoint: Endpoint, retryAfterMs: number | null, nowMs: number): void {
      endpointUntil.set(endpoint, nowMs + (retryAfterMs ?? 500));
    },
  };
}

export type LineState = ReturnType<typeof createLineState>;
