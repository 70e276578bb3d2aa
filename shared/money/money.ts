import type { CurrencyCode } from './currency';

/**
 * An amount of money: integer minor units (cents) plus its ISO currency.
 * Floats never hold money in Kassa; every sum is done on integers.
 */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

export function money(minor: number, currency: CurrencyCode): Money {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  return { minor, currency };
}

export function sumMinor(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('sum exceeds the safe integer range');
  return total;
}
