import { instantOfWall, PACIFIC_TIME_ZONE, wallAsUtc } from '../../../../shared/time/pacific-time';

/**
 * When PayTrace closes (settles) the day's batch: automatically at 8:00 p.m. Pacific unless the
 * merchant moved it (reference reconciliation_receipts.md §A.4, PT-HELP modify-auto-settle). Kassa
 * only uses it to decide how long an "unsettled" answer stays true; a shop that settles at another
 * time, or by hand, still never voids a settled sale: the void reads the sale first and answers
 * `too_late` when it carries a batch number (paytrace-provider.ts).
 */
export const PAYTRACE_BATCH_CLOSE = { hour: 20, minute: 0, timeZone: PACIFIC_TIME_ZONE } as const;

export type BatchClose = { readonly hour: number; readonly minute: number; readonly timeZone: string };

/** The last batch close at or before `now` (daylight saving included: 8 p.m. is never in its gap). */
export function lastBatchClose(now: Date, close: BatchClose = PAYTRACE_BATCH_CLOSE): Date {
  const wall = new Date(wallAsUtc(now.getTime(), close.timeZone));
  let closeWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), close.hour, close.minute);
  if (closeWall > wall.getTime()) closeWall -= 86_400_000;
  return new Date(instantOfWall(closeWall, close.timeZone));
}
