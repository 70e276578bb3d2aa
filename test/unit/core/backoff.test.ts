import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../electron/core/sync/backoff';

describe('retry backoff for the back-office', () => {
  it('doubles from half a second and never waits more than a minute', () => {
    const full = () => 1;
    expect([0, 1, 2, 3].map((n) => retryDelayMs(n, full))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(20, full)).toBe(60_000);
  });

  it('spreads counters apart with jitter between half and all of the step', () => {
    expect(retryDelayMs(3, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, () => 0.999)).toBeLessThanOrEqual(4_000);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelayMs(0, () => 0, 30_000)).toBeGreaterThanOrEqual(30_000);
    expect(retryDelayMs(0, () => 0, 30_000)).toBeLessThanOrEqual(31_000);
  });
});
