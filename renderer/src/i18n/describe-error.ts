import { hasMessage, type MessageKey } from '../../../shared/i18n/translate';
import { ClientError } from '../api/client-error';

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

/** Any failure of a call to the core: its refusal in words, or "something went wrong" for the rest. */
export function describeFailure(t: T, money: (minor: number) => string, error: unknown): string {
  return error instanceof ClientError ? describeError(t, money, error.code, error.params) : t('error.internal');
}
