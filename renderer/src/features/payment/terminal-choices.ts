import type { OnFile, TerminalDto } from '../../../../shared/api/schemas';
import type { MessageKey } from '../../../../shared/i18n/translate';

type T = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** A terminal the cashier may pick for this customer, and what the picker calls it. */
export interface TerminalChoice {
  readonly terminal: TerminalDto;
  /** on_file terminals: what is charged (the customer's Visa ••1111); null for the others. */
  readonly onFile: OnFile | null;
}

/** What the customer's payment may go to, as far as the counter knows before asking the core. */
export interface PayingCustomer {
  readonly currency: string;
  readonly onFile?: readonly OnFile[];
}

/**
 * The terminals offered for this customer: none that cannot take the customer's currency (PayTrace
 * takes dollars only; the core would refuse), and an on-file terminal only when the customer has
 * something on file at that provider of the kind it charges — a customer without a card on file
 * never sees "Charge card on file".
 */
export function terminalChoices(terminals: readonly TerminalDto[], customer: PayingCustomer): TerminalChoice[] {
  return terminals.flatMap((terminal): TerminalChoice[] => {
    if (terminal.currencies && !terminal.currencies.includes(customer.currency)) return [];
    if (terminal.kind !== 'on_file') return [{ terminal, onFile: null }];
    const kind = terminal.onFile ?? 'card';
    const onFile = (customer.onFile ?? []).find((item) => item.provider === terminal.provider && item.kind === kind);
    return onFile ? [{ terminal, onFile }] : [];
  });
}

/** "Visa ••1111"; "••1111" without a brand; the brand alone without digits; "" with neither. */
export function onFileText(item: Pick<OnFile, 'brand' | 'last4'>): string {
  const digits = item.last4 ? `••${item.last4}` : '';
  return [item.brand, digits].filter(Boolean).join(' ');
}

const PROVIDER_NAMES: Readonly<Record<string, string>> = { paytrace: 'PayTrace' };

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

/** How the picker names a choice: "Charge card on file — Visa ••1111", else the terminal's own name. */
export function choiceLabel(choice: TerminalChoice, t: T): string {
  const { onFile, terminal } = choice;
  if (!onFile) return terminal.online ? terminal.name : t('pay.terminalOffline', { name: terminal.name });
  const text = onFileText(onFile);
  if (onFile.kind === 'bank')
    return text ? t('paytrace.chargeBank', { account: text }) : t('paytrace.chargeBankUnnamed');
  return text ? t('paytrace.chargeCard', { card: text }) : t('paytrace.chargeCardUnnamed');
}

/** What the customer card says is on file: "PayTrace card on file: Visa ••1111", "Bank account on file". */
export function onFileLine(item: OnFile, t: T): string {
  const text = onFileText(item);
  const provider = providerName(item.provider);
  if (item.kind === 'bank') return text ? t('paytrace.bankOnFileNamed', { account: text }) : t('paytrace.bankOnFile');
  return text ? t('paytrace.cardOnFile', { provider, card: text }) : t('paytrace.cardOnFileUnnamed', { provider });
}
