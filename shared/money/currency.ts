/** ISO 4217 currencies Kassa handles, with their number of minor-unit digits. */
export const CURRENCY_DECIMALS = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  NOK: 2,
  DKK: 2,
  SEK: 2,
  CHF: 2,
  PLN: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_DECIMALS;

export const CURRENCY_CODES = Object.keys(CURRENCY_DECIMALS) as CurrencyCode[];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCY_DECIMALS, value);
}

export function decimalsOf(currency: CurrencyCode): number {
  return CURRENCY_DECIMALS[currency];
}
