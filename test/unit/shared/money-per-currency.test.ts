import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptMoney } from '../../../electron/core/receipts/receipt-language';
import { translate } from '../../../shared/i18n/translate';
import { describeAmountProblem } from '../../../shared/money/amount-problem';
import { CURRENCY_CODES, type CurrencyCode, decimalsOf } from '../../../shared/money/currency';
import { formatAmountGrouped, formatAmountInput, formatMoney } from '../../../shared/money/format';
import { parseAmount } from '../../../shared/money/parse';

const LANGUAGES = ['nl', 'en'] as const;
const amount = fc.integer({ min: 1, max: 99_999_999_999 });
const anyCurrency = fc.constantFrom(...CURRENCY_CODES);
const anyLanguage = fc.constantFrom(...LANGUAGES);

function refusal(input: string, currency: CurrencyCode, language: 'nl' | 'en'): string {
  const parsed = parseAmount(input, currency, language);
  if (parsed.ok) throw new Error(`${input} was accepted as ${parsed.minor}`);
  const problem = describeAmountProblem(parsed, currency, language);
  return translate(language, problem.key, problem.params);
}

describe('dollars are shown and typed as in the US, whatever the screen language', () => {
  it.each(LANGUAGES)('formats USD as $1,234.56 (screen in %s)', (language) => {
    expect(formatMoney(123456, 'USD', language)).toBe('$1,234.56');
    expect(formatMoney(5, 'USD', language)).toBe('$0.05');
    expect(formatAmountInput(123456, 'USD', language)).toBe('1234.56');
    expect(formatAmountGrouped(1250000, 'USD', language)).toBe('12,500.00');
  });

  it('keeps euros as they were: Dutch in Dutch, English in English', () => {
    expect(formatMoney(123456, 'EUR', 'nl')).toBe('€\u00a01.234,56');
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatAmountInput(123456, 'EUR', 'nl')).toBe('1234,56');
    expect(formatAmountGrouped(1250000, 'EUR', 'nl')).toBe('12.500,00');
  });

  it.each([
    ['1,234.56', 123456],
    ['1234.56', 123456],
    ['$1,234.56', 123456],
    ['$ 1,234.56', 123456],
    ['US$1,234.56', 123456],
    ['USD 1234.56', 123456],
    ['1234.56 USD', 123456],
    ['12.5', 1250],
    // A Dutch cashier's "12,50" has one reading for dollars as well.
    ['12,50', 1250],
    ['1,000,000', 100000000],
  ] as const)('reads %j as %i cents of a dollar', (typed, minor) => {
    for (const language of LANGUAGES) expect(parseAmount(typed, 'USD', language)).toEqual({ ok: true, minor });
  });

  it('refuses a sign of another currency on a dollar amount, and a dollar sign on euros', () => {
    expect(parseAmount('€ 12.50', 'USD', 'en')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseAmount('$12,50', 'EUR', 'nl')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseAmount('€ 12,50', 'EUR', 'nl')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('12,50 €', 'EUR', 'nl')).toEqual({ ok: true, minor: 1250 });
  });

  it('still refuses the ambiguous "12,500" for dollars, quoting both readings in dollars', () => {
    expect(parseAmount('12,500', 'USD', 'en')).toEqual({
      ok: false,
      error: 'ambiguous',
      typed: '12,500',
      readings: [1250, 1250000],
    });
    expect(refusal('12,500', 'USD', 'en')).toBe('12,500 could be $12.50 or $12,500.00 — type 12.50 or 12,500.00.');
    // The Dutch sentence, with the dollar amounts still written as dollars are.
    expect(refusal('12,500', 'USD', 'nl')).toBe('12,500 kan $12.50 of $12,500.00 zijn — typ 12.50 of 12,500.00.');
    expect(refusal('1.234', 'USD', 'en')).toBe('1.234 is unclear — for $1,234.00 type 1,234.00.');
  });
});

describe('every currency reads back what it writes (properties)', () => {
  it('parse(formatAmountInput(x)) = x', () => {
    fc.assert(
      fc.property(amount, anyCurrency, anyLanguage, (minor, currency, language) => {
        expect(parseAmount(formatAmountInput(minor, currency, language), currency, language)).toEqual({
          ok: true,
          minor,
        });
      }),
      { numRuns: 3_000 },
    );
  });

  it('parse(formatAmountGrouped(x)) = x for currencies with cents', () => {
    const withCents = fc.constantFrom(...CURRENCY_CODES.filter((c) => decimalsOf(c) > 0));
    fc.assert(
      fc.property(amount, withCents, anyLanguage, (minor, currency, language) => {
        expect(parseAmount(formatAmountGrouped(minor, currency, language), currency, language)).toEqual({
          ok: true,
          minor,
        });
      }),
      { numRuns: 3_000 },
    );
  });

  it('parse(formatMoney(x)) = x, sign and all; without cents a grouped amount is refused naming x', () => {
    fc.assert(
      fc.property(amount, anyCurrency, anyLanguage, (minor, currency, language) => {
        const parsed = parseAmount(formatMoney(minor, currency, language), currency, language);
        if (parsed.ok || decimalsOf(currency) > 0) expect(parsed).toEqual({ ok: true, minor });
        // "JP¥ 12,500": one group and no cents is the ambiguous notation; x is among the readings.
        else expect(parsed.error === 'ambiguous' ? parsed.readings : []).toContain(minor);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('receipts write amounts in the payment’s currency', () => {
  it('prints dollars as $1,234.56 in every receipt language, euros as the language writes them', () => {
    for (const language of ['nl', 'en', 'de', 'da'] as const) {
      expect(receiptMoney('USD', language)(123456)).toBe('$1,234.56');
    }
    expect(receiptMoney('EUR', 'nl')(123456)).toBe('€\u00a01.234,56');
    expect(receiptMoney('EUR', 'de')(123456)).toBe('1.234,56\u00a0€');
  });
});
