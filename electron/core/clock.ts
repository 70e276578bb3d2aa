export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Local calendar date (YYYY-MM-DD) as the counter sees it, for due dates and "today". */
export function localDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function startOfLocalDay(date: Date): Date {
  const start = new Date(date);
  start.setHours(0, 0, 0, 0);
  return start;
}
