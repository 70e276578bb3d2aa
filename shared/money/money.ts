import type { CurrencyCode } from './currency';

/**
 * An amount of money: integer minor units (cents) plus its ISO currency.
 * Floats never hold money in Kassa; every sum is done on integers.
 */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}
