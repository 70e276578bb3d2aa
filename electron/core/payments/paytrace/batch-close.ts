/**
 * When PayTrace closes (settles) the day's batch: automatically at 8:00 p.m. Pacific unless the
 * merchant moved it (reference reconciliation_receipts.md §A.4, PT-HELP modify-auto-settle). Kassa
 * only uses it to decide how long an "unsettled" answer stays true; a shop that settles at another
 * time, or by hand, still never voids a settled sale: the void reads the sale first and answers
 * `too_late` when it carries a batch number (paytrace-provider.ts).
 */
export const PAYTRACE_BATCH_CLOSE = { hour: 20, minute: 0, timeZone: 'America/Los_Angeles' } as const;

export type BatchClose = { readonly hour: number; readonly minute: number; readonly timeZone: string };

/** `at`'s wall-clock time in `timeZone`, written as if it were UTC (whole seconds). */
function wallAsUtc(at: number, timeZone: string): number {
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
function offsetAt(at: number, timeZone: string): number {
  return wallAsUtc(at, timeZone) - Math.floor(at / 1000) * 1000;
}

/** The last batch close at or before `now` (daylight saving included: 8 p.m. is never in its gap). */
export function lastBatchClose(now: Date, close: BatchClose = PAYTRACE_BATCH_CLOSE): Date {
  const wall = new Date(wallAsUtc(now.getTime(), close.timeZone));
  let closeWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), close.hour, close.minute);
  if (closeWall > wall.getTime()) closeWall -= 86_400_000;
  // The offset of the close's own day: a first guess, then the offset at that instant.
  const guess = closeWall - offsetAt(now.getTime(), close.timeZone);
  return new Date(closeWall - offsetAt(guess, close.timeZone));
}
