/**
 * A JSON number from the Financial Actions API as the decimal text it stands for: eight places are
 * all Checkout.com sends, so `toFixed(8)` recovers the written digits (and never an exponent).
 */
export function numberAsDecimal(value: number): string {
  return value.toFixed(8);
}
