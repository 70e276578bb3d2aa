import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/translate';
import { describeAmountProblem } from '../../../shared/money/amount-problem';
import { formatAmountGrouped } from '../../../shared/money/format';
import { parseAmount } from '../../../shared/money/parse';

function messageFor(input: string, currency: 'EUR' | 'JPY', language: 'nl' | 'en'): string {
  const parsed = parseAmount(input, currency, language);
  if (parsed.ok) throw new Error(`${input} was accepted`);
  const problem = describeAmountProblem(parsed, currency, language);
  return translate(language, problem.key, problem.params);
}

describe('the message for an amount that was refused', () => {
  it('quotes an ambiguous amount back with both readings and how to type each, in English and Dutch', () => {
    expect(messageFor('12,500', 'EUR', 'en')).toBe('12,500 could be €12.50 or €12,500.00 — type 12.50 or 12,500.00.');
    expect(messageFor('12,500', 'EUR', 'nl')).toBe(
      '12,500 kan €\u00a012,50 of €\u00a012.500,00 zijn — typ 12,50 of 12.500,00.',
    );
    expect(messageFor('1.000', 'EUR', 'en')).toBe('1.000 could be €1.00 or €1,000.00 — type 1.00 or 1,000.00.');
  });

  it('names the one reading that is an amount when the other is not', () => {
    expect(messageFor('1.234', 'EUR', 'nl')).toBe('1.234 is onduidelijk — voor €\u00a01.234,00 typ 1.234,00.');
    expect(messageFor('12.345', 'EUR', 'en')).toBe('12.345 is unclear — for €12,345.00 type 12,345.00.');
    // Yen have no decimals, so the suggestion is typed without a group separator.
    expect(messageFor('1,500', 'JPY', 'en')).toBe('1,500 is unclear — for JP¥1,500 type 1500.');
  });

  it('suggests only what the parser reads back as meant', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const minor of [1250, 1_250_000, 100, 100_000, 123_400, 1_234_500, 12_345_678_90]) {
        expect(parseAmount(formatAmountGrouped(minor, 'EUR', language), 'EUR', language)).toEqual({ ok: true, minor });
      }
    }
  });

  it('keeps the plain messages for other refusals', () => {
    expect(messageFor('12,3456', 'EUR', 'en')).toBe('Too many decimals: at most 2.');
    expect(messageFor('abc', 'EUR', 'nl')).toBe('Dat is geen bedrag.');
  });
});
