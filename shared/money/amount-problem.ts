import type { MessageKey } from '../i18n/en';
import { type CurrencyCode, decimalsOf } from './currency';
import { formatAmountGrouped, formatAmountInput, formatMoney } from './format';
import type { ParseAmountFailure } from './parse';

export interface AmountProblem {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The message key and its values for an amount the parser refused. An ambiguous amount is quoted
 * back with what it could mean and how to type each meaning so it cannot be misread.
 */
export function describeAmountProblem(
  failure: ParseAmountFailure,
  currency: CurrencyCode,
  language: 'nl' | 'en',
): AmountProblem {
  const decimals = decimalsOf(currency);
  if (failure.error !== 'ambiguous') return { key: `amount.${failure.error}`, params: { decimals } };

  const shown = (minor: number) => formatMoney(minor, currency, language);
  // Without decimals a grouped "1.500" would be ambiguous again, so those are typed plain.
  const typing = (minor: number) =>
    decimals > 0 ? formatAmountGrouped(minor, currency, language) : formatAmountInput(minor, currency, language);
  const [first = 0, second] = failure.readings;
  if (second === undefined) {
    return {
      key: 'amount.ambiguous_one',
      params: { typed: failure.typed, reading: shown(first), type: typing(first) },
    };
  }
  return {
    key: 'amount.ambiguous',
    params: {
      typed: failure.typed,
      asDecimal: shown(first),
      asThousands: shown(second),
      typeDecimal: typing(first),
      typeThousands: typing(second),
    },
  };
}
