import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReconciliationScheduler } from '../../../../electron/core/reconciliation/scheduler';

afterEach(() => {
  vi.useRealTimers();
});

describe('Reconciliation schedule', () => {
  it('runs when a day has passed since the last run (stored, so a restart does not reset it), else waits', async () => {
    vi.useFakeTimers();
    let now = new Date('2026-11-20T08:00:00.000Z');
    let last: string | null = '2026-11-19T09:00:00.000Z';
    const run = vi.fn(async () => {
      last = now.toISOString();
    });
    const scheduler = createReconciliationScheduler({
      clock: { now: () => now },
      lastRunAt: () => last,
      run,
      options: { firstCheckMs: 1_000, checkEveryMs: 3_600_000 },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).not.toHaveBeenCalled();
    now = new Date('2026-11-20T09:00:00.000Z');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(1);
    now = new Date('2026-11-20T10:00:00.000Z');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('runs at the first check when nothing was ever imported, and a failed run does not stop the schedule', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => {
      throw new Error('provider down');
    });
    const log = vi.fn();
    const scheduler = createReconciliationScheduler({
      clock: { now: () => new Date() },
      lastRunAt: () => null,
      run,
      log,
      options: { firstCheckMs: 10, checkEveryMs: 100 },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith('reconciliation run failed', expect.any(Error));
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
