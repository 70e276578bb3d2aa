import type { AuditAppend } from '../audit/audit-entry';
import type { Db } from '../db/types';
import type { SettingsRepository } from '../repositories/settings';

/**
 * The shop's calendar day for reconciliation. Providers book in UTC (a Dutch shop's payment at 00:30
 * local time is booked at 23:30Z the day before); the report and the exceptions list go by the
 * shop's own day. The zone is the setting `shop.timeZone` (an IANA name such as Europe/Amsterdam),
 * else the system's, the same zone the counter's "today" and business days follow (clock.ts).
 */
export const SHOP_TIME_ZONE_KEY = 'shop.timeZone';

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The setting when it names a real zone, else the system's. */
export function shopTimeZone(settings?: SettingsRepository): string {
  const set = settings?.get(SHOP_TIME_ZONE_KEY)?.trim();
  return set && isTimeZone(set) ? set : systemTimeZone();
}

/** What the manager sees: the zone in use, whether it was set, and the computer's own. */
export function shopTimeZoneView(settings?: SettingsRepository) {
  const set = settings?.get(SHOP_TIME_ZONE_KEY)?.trim();
  const source: 'setting' | 'system' = set && isTimeZone(set) ? 'setting' : 'system';
  return { timeZone: shopTimeZone(settings), source, systemTimeZone: systemTimeZone() };
}

/** Sets (or, with null, clears) the shop's zone: a settings change, audited. Throws on an unknown zone. */
export function saveShopTimeZone(
  deps: { db: Db; settings: SettingsRepository; audit?: AuditAppend },
  zone: string | null,
): ReturnType<typeof shopTimeZoneView> {
  if (zone !== null && !isTimeZone(zone)) throw new RangeError(`unknown time zone ${zone}`);
  return deps.db.transaction(() => {
    const before = shopTimeZoneView(deps.settings);
    deps.settings.set(SHOP_TIME_ZONE_KEY, zone ?? '');
    const after = shopTimeZoneView(deps.settings);
    deps.audit?.({
      action: 'settings.shop.timeZone.save',
      subject: null,
      before: { timeZone: before.timeZone, source: before.source },
      after: { timeZone: after.timeZone, source: after.source },
    });
    return after;
  })();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at instant `ms`, read as if it were UTC (for offset arithmetic). */
function wallClockMs(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The shop's calendar day (YYYY-MM-DD) of an instant. */
export function localDayOf(instant: string | number | Date, zone: string): string {
  const ms = new Date(instant).getTime();
  return new Date(wallClockMs(ms, zone)).toISOString().slice(0, 10);
}

/** The UTC instant (ISO) at which the shop's day `day` begins in `zone`. */
export function startOfShopDay(day: string, zone: string): string {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  // Two rounds: the offset of the guess, then the offset at the corrected instant (DST changes).
  let guess = wall - (wallClockMs(wall, zone) - wall);
  guess = wall - (wallClockMs(guess, zone) - guess);
  return new Date(guess).toISOString();
}
