import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../renderer/src/lib/dates';
import { formatMoney } from '../../../shared/money/format';

describe('formatters kept between calls', () => {
  it('formatMoney gives each currency and language its own format, whatever was formatted before', () => {
    const fresh = (minor: number, currency: string, tag: string, decimals: number) =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      }).format(minor / 10 ** decimals);
    for (let round = 0; round < 2; round++) {
      expect(formatMoney(123456, 'EUR', 'nl')).toBe(fresh(123456, 'EUR', 'nl-NL', 2));
      expect(formatMoney(123456, 'EUR', 'en')).toBe(fresh(123456, 'EUR', 'en-GB', 2));
      expect(formatMoney(123456, 'JPY', 'en')).toBe(fresh(123456, 'JPY', 'en-GB', 0));
      expect(formatMoney(-5, 'DKK', 'nl')).toBe(fresh(-5, 'DKK', 'nl-NL', 2));
    }
  });

  it('formatDate writes the date in the language asked, and leaves a malformed date as it is', () => {
    expect(formatDate('2026-03-04', 'nl')).toBe('04-03-2026');
    expect(formatDate('2026-03-04', 'en')).toBe('04/03/2026');
    expect(formatDate('2026-03-04', 'nl')).toBe('04-03-2026');
    expect(formatDate('not-a-date', 'en')).toBe('not-a-date');
  });
});
