/**
 * Unsigned exchange calls are believed only after Kassa asks Pay., so anyone who can reach the
 * listener could make Kassa call Pay. at will (and spend Pay.'s rate limit). The gate keeps that
 * bounded: calls naming the same order share one confirmation while it runs and are turned away
 * for a short while after it; over a global budget per second everything is turned away. Turned
 * away means `FALSE|`, which makes Pay. retry later — nothing real is lost.
 */
export interface ConfirmationLimits {
  /** After a confirmation for an order, further calls naming it wait this long. */
  readonly windowMs: number;
  /** Confirmations started per second, all orders together. */
  readonly perSecond: number;
}

export const DEFAULT_CONFIRMATION_LIMITS: ConfirmationLimits = { windowMs: 3_000, perSecond: 5 };

export type GateAnswer =
  | { readonly ran: true; readonly outcome: string }
  | { readonly ran: false; readonly why: string };

export function createConfirmationGate(limits: ConfirmationLimits = DEFAULT_CONFIRMATION_LIMITS) {
  const inFlight = new Map<string, Promise<GateAnswer>>();
  const recent = new Map<string, number>();
  let second = 0;
  let started = 0;

  return function confirm(key: string, work: () => Promise<string>): Promise<GateAnswer> {
    const now = Date.now();
    const running = inFlight.get(key);
    if (running) return running;
    for (const [k, at] of recent) if (now - at >= limits.windowMs) recent.delete(k);
    if (recent.has(key)) return Promise.resolve({ ran: false, why: 'just confirmed with Pay., retry later' });
    if (Math.floor(now / 1_000) !== second) {
      second = Math.floor(now / 1_000);
      started = 0;
    }
    if (started >= limits.perSecond)
      return Promise.resolve({ ran: false, why: 'too many unsigned calls, retry later' });
    started += 1;
    const run = work()
      .then((outcome): GateAnswer => ({ ran: true, outcome }))
      .finally(() => {
        inFlight.delete(key);
        recent.set(key, Date.now());
      });
    inFlight.set(key, run);
    return run;
  };
}
