import { type CurrencyCode, decimalsOf } from './currency';
import { type MoneyLanguage, moneyLocaleTag, separatorsOf } from './notation';

/**
 * Formats minor units for display in the currency's notation for this reader: "€ 1.234,56" in
 * Dutch, "€1,234.56" in English, and dollars always as in the US, "$1,234.56" (see notation.ts).
 */
export function formatMoney(minor: number, currency: CurrencyCode, locale: MoneyLanguage): string {
  const decimals = decimalsOf(currency);
  // Intl works on numbers; dividing a safe integer by a power of ten is exact enough to print
  // (no arithmetic is ever done on the result).
  return moneyFormat(currency, locale, decimals).format(minor / 10 ** decimals);
}

// Building an Intl formatter costs far more than using one (a table row shows two amounts): one per
// currency and locale, kept.
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: CurrencyCode, locale: MoneyLanguage, decimals: number): Intl.NumberFormat {
  const key = `${currency}:${locale}`;
  let format = MONEY_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(moneyLocaleTag(currency, locale), {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    MONEY_FORMATS.set(key, format);
  }
  return format;
}

/**
 * Plain editable text for an amount field, in the currency's notation for this reader, without
 * currency sign or grouping ("1234,56" in Dutch, "1234.56" in English and for dollars).
 */
export function formatAmountInput(minor: number, currency: CurrencyCode, locale: 'nl' | 'en'): string {
  const decimals = decimalsOf(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const sep = separatorsOf(currency, locale).decimal;
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? sep + fraction : ''}`;
}

/**
 * An amount as a cashier would type it so that it cannot be misread: grouped thousands and all
 * decimals in the currency's notation ("12.500,00" in Dutch, "12,500.00" in English and for dollars).
 */
export function formatAmountGrouped(minor: number, currency: CurrencyCode, locale: 'nl' | 'en'): string {
  const plain = formatAmountInput(minor, currency, locale);
  const { group, decimal } = separatorsOf(currency, locale);
  const [whole = '', fraction] = plain.split(decimal);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return fraction === undefined ? grouped : `${grouped}${decimal}${fraction}`;
}
