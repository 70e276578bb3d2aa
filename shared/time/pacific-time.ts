/**
 * PayTrace's clock: its days, printed times and batch close are Pacific time, with daylight saving
 * (UTC−8 in winter, UTC−7 in summer). One helper for the adapter's day window and batch close
 * (electron/core/payments/paytrace) and the PayTrace fake, so they never disagree about what time it
 * is in Los Angeles. Pure time arithmetic (Intl), in shared/ because fakes may not import the core.
 */
export const PACIFIC_TIME_ZONE = 'America/Los_Angeles';

/** `at`'s wall-clock time in `timeZone`, written as if it were UTC (whole seconds). */
export function wallAsUtc(at: number, timeZone: string = PACIFIC_TIME_ZONE): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** The zone's offset from UTC at `at`, in ms (Pacific: −8 h in winter, −7 h in summer). */
export function offsetAt(at: number, timeZone: string = PACIFIC_TIME_ZONE): number {
  return wallAsUtc(at, timeZone) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `timeZone` (given as if it were UTC): the offset of a first
 * guess, then the offset at that instant, so a time near a switch takes its own day's offset.
 * A time in the spring gap (02:00–03:00) comes out an hour on; PayTrace's 8 p.m. is never in it.
 */
export function instantOfWall(wallMs: number, timeZone: string = PACIFIC_TIME_ZONE): number {
  const guess = wallMs - offsetAt(wallMs, timeZone);
  return wallMs - offsetAt(guess, timeZone);
}

/** The Pacific wall-clock time of an instant, as a Date read with its UTC getters (whole seconds). */
export function pacificWall(at: Date): Date {
  return new Date(wallAsUtc(at.getTime(), PACIFIC_TIME_ZONE) + (at.getTime() % 1000));
}

/** The Pacific calendar date (YYYY-MM-DD) of an instant. */
export function pacificDate(at: Date): string {
  return pacificWall(at).toISOString().slice(0, 10);
}

/**
 * The instants a daily wall-clock time (`hour`:`minute` in `timeZone`) falls after `after` up to and
 * including `until`, each at its own day's offset (PayTrace's batch closes, summer and winter).
 */
export function dailyTimesBetween(
  after: Date,
  until: Date,
  time: { readonly hour: number; readonly minute: number; readonly timeZone: string },
): Date[] {
  const wall = new Date(wallAsUtc(after.getTime(), time.timeZone));
  const times: Date[] = [];
  for (
    let day = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), time.hour, time.minute);
    ;
    day += 86_400_000
  ) {
    const at = instantOfWall(day, time.timeZone);
    if (at > until.getTime()) return times;
    if (at > after.getTime()) times.push(new Date(at));
  }
}
