import type { Clock } from '../clock';

export interface SchedulerOptions {
  /** How often a run is due (default: daily). */
  readonly everyMs?: number;
  /** How often the scheduler looks whether a run is due (default: hourly). */
  readonly checkEveryMs?: number;
  /** The first look after start, so the counter's start is not slowed (default: 2 minutes). */
  readonly firstCheckMs?: number;
}

/**
 * Runs the reconciliation daily: each hour it checks when the last run started (stored, so a
 * restart does not reset it) and runs when a day has passed. A failed account is tried again at the
 * next daily run, or now by a manager's "Import now".
 */
export function createReconciliationScheduler(deps: {
  clock: Clock;
  lastRunAt: () => string | null;
  run: () => Promise<unknown>;
  options?: SchedulerOptions;
  log?: (message: string, error?: unknown) => void;
}) {
  const everyMs = deps.options?.everyMs ?? 24 * 3_600_000;
  const checkEveryMs = deps.options?.checkEveryMs ?? 3_600_000;
  const firstCheckMs = deps.options?.firstCheckMs ?? 120_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function due(): boolean {
    const last = deps.lastRunAt();
    return last === null || deps.clock.now().getTime() - Date.parse(last) >= everyMs;
  }

  async function check(): Promise<void> {
    if (stopped) return;
    if (due()) await deps.run().catch((error: unknown) => deps.log?.('reconciliation run failed', error));
    if (!stopped) timer = setTimeout(() => void check(), checkEveryMs);
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(() => void check(), firstCheckMs);
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    due,
  };
}
