import { timingSafeEqual } from 'node:crypto';

/**
 * The one constant-time compare for secrets and signatures (UI token, Pay. exchange signature, Vipps
 * webhook HMAC): it does not leak, through timing, how much of a forgery was right. A missing value
 * never matches.
 */
export function sameSecret(expected: string, given: string | null | undefined): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given ?? '', 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time, then fail.
  if (given == null || a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
