import { hasMessage, type MessageKey } from '../../../shared/i18n/translate';

type T = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/**
 * Turns a refusal code and its numbers into a sentence for the cashier. Parameters in minor units
 * (`outstandingMinor`) are also offered formatted under their short name (`outstanding`).
 */
export function describeError(
  t: T,
  money: (minor: number) => string,
  code: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const filled: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('Minor') && typeof value === 'number') filled[name.slice(0, -5)] = money(value);
  }
  const key = `error.${code}`;
  return t(hasMessage(key) ? key : 'error.internal', filled);
}
