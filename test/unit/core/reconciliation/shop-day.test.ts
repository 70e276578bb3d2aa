import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localDayOf,
  shopTimeZone,
  startOfShopDay,
  systemTimeZone,
} from '../../../../electron/core/reconciliation/shop-day';

describe("The shop's day (reconciliation)", () => {
  it('a payment at 00:30 in Amsterdam in winter (23:30Z) is on the next day there', () => {
    expect(localDayOf('2026-01-14T23:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-01-15');
    expect(localDayOf('2026-01-14T23:30:00.000Z', 'UTC')).toBe('2026-01-14');
    expect(localDayOf('2026-07-14T22:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-07-15');
  });

  it('finds the UTC start of a local day, across daylight saving changes', () => {
    expect(startOfShopDay('2026-01-15', 'Europe/Amsterdam')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfShopDay('2026-07-15', 'Europe/Amsterdam')).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfShopDay('2026-03-29', 'Europe/Amsterdam')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfShopDay('2026-03-30', 'Europe/Amsterdam')).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfShopDay('2026-10-25', 'Europe/Amsterdam')).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfShopDay('2026-10-26', 'Europe/Amsterdam')).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfShopDay('2026-01-15', 'America/Los_Angeles')).toBe('2026-01-15T08:00:00.000Z');
    expect(startOfShopDay('2026-01-15', 'UTC')).toBe('2026-01-15T00:00:00.000Z');
  });

  it('the setting names the zone; without it (or with a wrong one) the system zone is used', () => {
    const settings = (value: string | null) => ({ get: () => value, set: () => {} }) as never;
    expect(shopTimeZone(settings('Europe/Amsterdam'))).toBe('Europe/Amsterdam');
    expect(shopTimeZone(settings(null))).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(shopTimeZone(settings('Mars/Olympus'))).toBe(systemTimeZone());
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
