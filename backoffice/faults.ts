import { seededRandom } from '../shared/random/seeded-random';

/**
 * Failure injection for tests: the ways a real back-office and the network between fail.
 * `lost_response` commits the write and then drops the connection, the nastiest case for a client.
 */
export const FAULT_KINDS = ['latency', 'error_500', 'error_503', 'rate_limit', 'drop', 'lost_response'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlan {
  /** Share of requests (0–1) that get one of `kinds`. */
  readonly rate: number;
  readonly kinds: readonly FaultKind[];
  readonly latencyMs?: number;
  readonly retryAfterSeconds?: number;
  /** Every request fails as if the machine were unreachable. */
  readonly offline?: boolean;
  readonly seed?: number;
  /** Only requests whose "METHOD /path" starts with this get faults (a test aims at one kind of call). */
  readonly only?: string;
}

export const NO_FAULTS: FaultPlan = { rate: 0, kinds: [] };

export function createFaultInjector(initial: FaultPlan = NO_FAULTS) {
  let plan = initial;
  let random = seededRandom(initial.seed ?? 1).next;
  const injected: Record<FaultKind, number> = {
    latency: 0,
    error_500: 0,
    error_503: 0,
    rate_limit: 0,
    drop: 0,
    lost_response: 0,
  };
  return {
    get plan(): FaultPlan {
      return plan;
    },
    set(next: FaultPlan): void {
      plan = next;
      if (next.seed !== undefined) random = seededRandom(next.seed).next;
    },
    /** The fault for this request, if any. */
    next(route = ''): FaultKind | null {
      if (plan.only !== undefined && !route.startsWith(plan.only)) return null;
      if (plan.kinds.length === 0 || random() >= plan.rate) return null;
      const kind = plan.kinds[Math.floor(random() * plan.kinds.length)] ?? null;
      if (kind) injected[kind] += 1;
      return kind;
    },
    injected,
  };
}

export type FaultInjector = ReturnType<typeof createFaultInjector>;
