import { type CurrencyCode, decimalsOf } from './currency';

/** Languages amounts are written in: the app's own two, and the extra receipt languages. */
export type MoneyLanguage = 'nl' | 'en' | 'de' | 'da';

const LANGUAGE_TAGS: Record<MoneyLanguage, string> = { nl: 'nl-NL', en: 'en-GB', de: 'de-DE', da: 'da-DK' };

/**
 * Currencies written one way whoever reads them. Dollars are charged to US trade customers, who
 * read "$1,234.56" on the screen and on their receipt — never "US$ 1.234,56" — so the cashier
 * types and reads them the same way, whatever the app's language. Every other currency follows
 * the reader's language, as euros always have.
 */
const CURRENCY_TAGS: Partial<Record<CurrencyCode, string>> = { USD: 'en-US' };

/** The BCP 47 tag an amount in this currency is written with for a reader of this language. */
export function moneyLocaleTag(currency: CurrencyCode, language: MoneyLanguage): string {
  return CURRENCY_TAGS[currency] ?? LANGUAGE_TAGS[language];
}

export interface Separators {
  /** Between the whole units and the cents: "," in Dutch, "." in English and for dollars. */
  readonly decimal: string;
  /** Between groups of three digits: "." in Dutch, "," in English and for dollars. */
  readonly group: string;
}

const SEPARATORS = new Map<string, Separators>();

/** The decimal and group separators of amounts in this currency for this reader. */
export function separatorsOf(currency: CurrencyCode, language: MoneyLanguage): Separators {
  const tag = moneyLocaleTag(currency, language);
  let separators = SEPARATORS.get(tag);
  if (!separators) {
    const parts = new Intl.NumberFormat(tag, { useGrouping: true, minimumFractionDigits: 1 }).formatToParts(1234.5);
    separators = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    SEPARATORS.set(tag, separators);
  }
  return separators;
}

// Where the currency's own signs are looked up: every tag Kassa writes with, and the home
// countries of the currencies it handles (Norwegians write "kr", Swiss "CHF", Poles "zł").
const SIGN_TAGS = ['nl-NL', 'en-GB', 'en-US', 'de-DE', 'da-DK', 'nb-NO', 'sv-SE', 'de-CH', 'pl-PL', 'ja-JP'];
const SIGNS = new Map<CurrencyCode, readonly string[]>();

/**
 * What may stand before or after an amount in this currency: its ISO code and its signs as any of
 * those locales write them ("$", "US$", "€", "kr.", "zł"), longest first so "US$" goes before "$".
 * Only this currency's: a "€" typed on a dollar payment is not an amount of dollars.
 */
export function currencySigns(currency: CurrencyCode): readonly string[] {
  let signs = SIGNS.get(currency);
  if (!signs) {
    const found = new Set<string>([currency]);
    for (const tag of SIGN_TAGS) {
      for (const display of ['symbol', 'narrowSymbol'] as const) {
        const parts = new Intl.NumberFormat(tag, {
          style: 'currency',
          currency,
          currencyDisplay: display,
          maximumFractionDigits: decimalsOf(currency),
        }).formatToParts(1);
        for (const part of parts) if (part.type === 'currency') found.add(part.value);
      }
    }
    // "kr." is also written without its dot.
    for (const sign of [...found]) if (sign.endsWith('.')) found.add(sign.slice(0, -1));
    signs = [...found].sort((a, b) => b.length - a.length);
    SIGNS.set(currency, signs);
  }
  return signs;
}
