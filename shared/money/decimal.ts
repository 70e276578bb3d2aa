import { type CurrencyCode, decimalsOf } from './currency';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * A decimal amount in major units as providers write it ("12.34", "-0.28", "50.00000000") turned
 * into integer minor units by the currency's exponent, read digit by digit (BigInt), never through
 * a float.
 * - `exact`: digits below the minor unit must be zeros (a payout reaches the bank in whole cents);
 *   anything else is null, so the caller refuses the file instead of guessing.
 * - `round`: half away from zero (a breakdown line may carry a fraction of a cent).
 * Null for anything that is not a plain decimal (thousands separators, exponents, empty).
 */
export function decimalToMinor(text: string, currency: CurrencyCode, mode: 'exact' | 'round'): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const exponent = decimalsOf(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const rest = fraction.slice(exponent);
  let minor = BigInt(whole + kept);
  if (/[1-9]/.test(rest)) {
    if (mode === 'exact') return null;
    if (rest[0] !== undefined && rest[0] >= '5') minor += 1n;
  }
  if (sign === '-') minor = -minor;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) return null;
  // -0 stays 0: integer minor units have one zero.
  return Number(minor) || 0;
}
