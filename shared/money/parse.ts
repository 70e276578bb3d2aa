import { type CurrencyCode, decimalsOf } from './currency';
import { currencySigns } from './notation';

export type AmountLocale = 'nl' | 'en';

export type ParseAmountError =
  | 'empty'
  | 'not_a_number'
  | 'negative'
  | 'zero'
  | 'too_many_decimals'
  | 'too_large'
  | 'ambiguous';

/**
 * "12,500" or "1.000": one separator and exactly three digits after it. Dutch and English
 * notation read it a thousand times apart, so it is refused with what it could mean.
 */
export interface AmbiguousAmount {
  readonly ok: false;
  readonly error: 'ambiguous';
  /** What the cashier typed (trimmed), to quote back. */
  readonly typed: string;
  /** The valid readings in minor units, smallest first: the decimal one, then the thousands one. */
  readonly readings: readonly number[];
}

export type ParseAmountFailure = { ok: false; error: Exclude<ParseAmountError, 'ambiguous'> } | AmbiguousAmount;

export type ParseAmountResult = { ok: true; minor: number } | ParseAmountFailure;

const MAX_MINOR = 1_000_000_000_00; // one billion in the main unit: far above any counter payment

/** One separator followed by exactly three digits, and nothing else. */
const ONE_SEPARATOR_THREE_DIGITS = /^([0-9]*)[.,]([0-9]{3})$/;

/**
 * Parses what a cashier types ("1.234,56", "1,234.56", "€ 12,5", "$1,234.56", "12") into minor units.
 *
 * Both Dutch and English notations are accepted whatever the UI language and whatever the currency,
 * because a counter in the Netherlands sees both — a Dutch cashier charging a US customer may still
 * type "12,50" for $12.50. That is also why "12,500" and "1.000" are refused rather than read by
 * the locale or the currency: the cashier next to you may write the other notation, and guessing
 * wrong is a factor of a thousand. The refusal quotes both readings back in the currency's own
 * notation (amount-problem.ts), so for dollars it says "$12.50 or $12,500.00". What is left has one
 * reading in either notation, so `_locale` no longer decides anything (callers still pass it).
 * The currency's conventions decide its decimals (more are refused, never rounded) and which signs
 * may stand before or after the number: "$", "US$" or "USD" for dollars, "€" or "EUR" for euros —
 * a sign of another currency is not an amount in this one.
 */
export function parseAmount(input: string, currency: CurrencyCode, _locale: AmountLocale): ParseAmountResult {
  let text = withoutCurrencySign(input.trim(), currency).replace(/[\s\u00a0']/g, '');
  if (text === '') return { ok: false, error: 'empty' };
  if (text.startsWith('-') || text.startsWith('−')) return { ok: false, error: 'negative' };
  if (text.startsWith('+')) text = text.slice(1);
  if (!/^[0-9.,]+$/.test(text) || !/[0-9]/.test(text)) return { ok: false, error: 'not_a_number' };

  const ambiguous = ONE_SEPARATOR_THREE_DIGITS.exec(text);
  if (ambiguous) return refuseAmbiguous(input.trim(), ambiguous[1] ?? '', ambiguous[2] ?? '', currency);

  const split = splitNumber(text);
  if (!split) return { ok: false, error: 'not_a_number' };
  return toMinor(split.whole, split.fraction, currency);
}

/** The amount without its currency's sign or code in front of it ("$ 12") or after it ("12,50 €"). */
function withoutCurrencySign(text: string, currency: CurrencyCode): string {
  const upper = text.toUpperCase();
  for (const sign of currencySigns(currency)) {
    const mark = sign.toUpperCase();
    if (upper.startsWith(mark)) return text.slice(sign.length).trim();
    if (upper.endsWith(mark)) return text.slice(0, text.length - sign.length).trim();
  }
  return text;
}

function refuseAmbiguous(typed: string, head: string, lastThree: string, currency: CurrencyCode): ParseAmountFailure {
  const asDecimal = toMinor(head, lastThree, currency);
  // A thousands group needs a head of one to three digits, and nobody writes "0.500" for 500.
  const asThousands = /^[1-9][0-9]{0,2}$/.test(head) ? toMinor(head + lastThree, '', currency) : null;
  const readings = [asDecimal, asThousands].flatMap((r) => (r?.ok ? [r.minor] : []));
  if (readings.length > 0) return { ok: false, error: 'ambiguous', typed, readings };
  // Neither reading is an amount ("0,000", "0,123"): say why the plain decimal reading fails.
  return asDecimal.ok ? { ok: false, error: 'not_a_number' } : asDecimal;
}

function toMinor(whole: string, fraction: string, currency: CurrencyCode): ParseAmountResult {
  const decimals = decimalsOf(currency);
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > decimals) return { ok: false, error: 'too_many_decimals' };
  if (whole.length > 15) return { ok: false, error: 'too_large' };

  const minor = Number(whole || '0') * 10 ** decimals + Number(trimmedFraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return { ok: false, error: 'too_large' };
  if (minor === 0) return { ok: false, error: 'zero' };
  return { ok: true, minor };
}

function splitNumber(text: string): { whole: string; fraction: string } | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalSep: string | null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalSep = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    // "1.000.000" groups; a single one is the decimal point (one followed by three digits was
    // refused as ambiguous before this).
    const sep = lastDot >= 0 ? '.' : ',';
    const count = text.split(sep).length - 1;
    decimalSep = count > 1 ? null : sep;
  } else {
    decimalSep = null;
  }

  const decimalIndex = decimalSep === null ? -1 : text.lastIndexOf(decimalSep);
  const wholePart = decimalIndex >= 0 ? text.slice(0, decimalIndex) : text;
  const fraction = decimalIndex >= 0 ? text.slice(decimalIndex + 1) : '';
  if (!/^[0-9]*$/.test(fraction)) return null;

  const groupSep = decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : wholePart.includes('.') ? '.' : ',';
  const groups = wholePart.split(groupSep);
  if (groups.length > 1) {
    // Group separators must sit every three digits, so "1.23.4" is a typo, not 1234.
    const [head, ...rest] = groups;
    if (!head || head.length > 3 || rest.some((g) => g.length !== 3)) return null;
  }
  const whole = groups.join('');
  if (!/^[0-9]*$/.test(whole)) return null;
  if (whole === '' && fraction === '') return null;
  return { whole, fraction };
}
