import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmountInput } from '../../../shared/money/format';
import { parseAmount } from '../../../shared/money/parse';

describe('parseAmount: what a cashier types becomes exact cents', () => {
  it.each([
    ['1.234,56', 'nl', 123456],
    ['1,234.56', 'en', 123456],
    ['1.234,56', 'en', 123456],
    ['1,234.56', 'nl', 123456],
    ['12,5', 'nl', 1250],
    ['12.5', 'en', 1250],
    ['€ 12,50', 'nl', 1250],
    ['12', 'nl', 1200],
    ['1.234,00', 'nl', 123400],
    ['1,234.00', 'nl', 123400],
    ['12.500,00', 'en', 1250000],
    ['1.000.000', 'nl', 100000000],
    ['0,01', 'nl', 1],
    ['  7,00 ', 'nl', 700],
    ['1 234,56', 'nl', 123456],
  ] as const)('%s (%s) → %i cents', (input, locale, minor) => {
    expect(parseAmount(input, 'EUR', locale)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'not_a_number'],
    ['12,3x', 'not_a_number'],
    ['-5', 'negative'],
    ['0', 'zero'],
    ['0,00', 'zero'],
    ['12,3456', 'too_many_decimals'],
    ['0,000', 'zero'],
    ['1.23.4', 'not_a_number'],
    ['99999999999999999', 'too_large'],
  ] as const)('refuses %j as %s', (input, error) => {
    expect(parseAmount(input, 'EUR', 'nl')).toEqual({ ok: false, error });
  });

  it.each([
    // One separator and exactly three digits: Dutch and English read it a thousand times apart.
    ['12,500', 'nl', [1250, 1250000]],
    ['12,500', 'en', [1250, 1250000]],
    ['1.000', 'en', [100, 100000]],
    ['1.000', 'nl', [100, 100000]],
    ['€ 12.500', 'nl', [1250, 1250000]],
    // Only one reading is an amount, but the notation is still the dangerous one: refused, with it.
    ['1.234', 'nl', [123400]],
    ['12,345', 'nl', [1234500]],
    ['12.345', 'en', [1234500]],
    ['0,500', 'nl', [50]],
    [',250', 'en', [25]],
    ['1234,500', 'nl', [123450]],
  ] as const)('refuses the ambiguous %j (%s), naming what it could mean', (input, locale, readings) => {
    expect(parseAmount(input, 'EUR', locale)).toEqual({ ok: false, error: 'ambiguous', typed: input, readings });
  });

  it('refuses any single separator followed by exactly three digits (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{0,10}$/),
        fc.constantFrom('.', ','),
        fc.stringMatching(/^[0-9]{3}$/),
        fc.constantFrom('nl' as const, 'en' as const),
        fc.constantFrom('EUR' as const, 'JPY' as const),
        (head, separator, lastThree, locale, currency) => {
          expect(parseAmount(`${head}${separator}${lastThree}`, currency, locale).ok).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads the same keystrokes as the same amount whatever the screen language (property)', () => {
    const typedAmount = fc
      .array(fc.constantFrom('0', '1', '2', '5', '9', '.', ',', ' '), { maxLength: 12 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(typedAmount, (input) => {
        expect(parseAmount(input, 'EUR', 'nl')).toEqual(parseAmount(input, 'EUR', 'en'));
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses cents for a currency without them', () => {
    expect(parseAmount('100,5', 'JPY', 'nl')).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseAmount('100', 'JPY', 'nl')).toEqual({ ok: true, minor: 100 });
  });

  it('reads back every amount it formats, in both languages (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.constantFrom('nl' as const, 'en' as const),
        (minor, locale) => {
          expect(parseAmount(formatAmountInput(minor, 'EUR', locale), 'EUR', locale)).toEqual({ ok: true, minor });
        },
      ),
    );
  });

  it('reads grouped amounts in either notation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_99 }), (minor) => {
        const whole = Math.floor(minor / 100)
          .toString()
          .replace(/\B(?=(\d{3})+(?!\d))/g, '#');
        const cents = String(minor % 100).padStart(2, '0');
        const nl = `${whole.replaceAll('#', '.')},${cents}`;
        const en = `${whole.replaceAll('#', ',')}.${cents}`;
        expect(parseAmount(nl, 'EUR', 'nl')).toEqual({ ok: true, minor });
        expect(parseAmount(en, 'EUR', 'en')).toEqual({ ok: true, minor });
      }),
    );
  });

  it('never returns a fractional or negative number of cents (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('nl' as const, 'en' as const), (input, locale) => {
        const result = parseAmount(input, 'EUR', locale);
        if (result.ok) {
          expect(Number.isSafeInteger(result.minor)).toBe(true);
          expect(result.minor).toBeGreaterThan(0);
        }
      }),
    );
  });
});
