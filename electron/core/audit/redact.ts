import { maskDigits } from '../../../shared/security/card-numbers';
import { redactUrls } from './redact-url';

/**
 * The audit trail's second safety net: the code that describes a change should already say
 * "changed" for a secret, but a value under a secret-sounding key never reaches the trail, a
 * card-number-like run of digits anywhere is masked to its last four, and a URL anywhere (a webhook
 * rule's target, a back-office or provider address) loses its userinfo, query values and fragment
 * (`redact-url.ts`).
 */

/** Words that mark a key as secret (matched per word of camelCase / snake_case keys). */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'pin',
  'pan',
  'cvc',
  'cvv',
  'credential',
  'credentials',
  'sealed',
  'apikey',
  'privatekey',
  'cardnumber',
]);

/** Values that only say whether a secret changed: safe to keep. */
const SAFE_MARKERS = new Set(['changed', 'unchanged', 'set', 'cleared', 'not set']);

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = words.join('');
  if (SECRET_WORDS.has(joined)) return true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (SECRET_WORDS.has(word)) return true;
    if (SECRET_WORDS.has(word + (words[i + 1] ?? ''))) return true;
  }
  return false;
}

export function redact(value: unknown, key: string | null = null): unknown {
  if (key !== null && isSecretKey(key)) {
    if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
    if (typeof value === 'string' && SAFE_MARKERS.has(value)) return value;
    return REDACTED;
  }
  if (typeof value === 'string') return maskDigits(redactUrls(value));
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}
