import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs` while the component is on screen. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Milliseconds until `iso` (never below 0); null when there is no end. */
export function msLeft(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const end = Date.parse(iso);
  return Number.isNaN(end) ? null : Math.max(0, end - now);
}

/**
 * Time left as a cashier reads it at a glance: `4:59` under an hour, `1:04:59` under a day,
 * `2 d 3 h` beyond (a link sent to pay later).
 */
export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(ms / 1_000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours}:${two(minutes)}:${two(seconds)}`;
  return `${minutes}:${two(seconds)}`;
}

/** A moment as the cashier reads it: the time today, the date and time on another day. */
export function formatWhen(iso: string, language: 'nl' | 'en', now = Date.now()): string {
  const at = new Date(iso);
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const sameDay = at.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(at);
}
