import { isCurrencyCode } from '../../../../shared/money/currency';
import { decimalToMinor } from '../../../../shared/money/decimal';
import type { PaymentRow } from '../../repositories/payments';
import { SettlementRowInput, type SettlementType } from '../../settlement/settlement-row';
import { ProviderError } from '../provider';
import { numberAsDecimal } from './checkout-decimal';
import type { FinancialAction } from './checkout-schemas';

/**
 * One financial action with its breakdown lines, whichever way it came: a Financial Actions API
 * answer (JSON numbers) or lines of a "Financial Actions by Payout ID" file (decimal text). Both
 * become the same settlement row — same `rowKey` (the action id), same amounts — so the import's
 * upsert only adds the payout id and day the file knows.
 */
export interface ActionInput {
  readonly actionId: string;
  readonly paymentId: string;
  readonly actionType: string;
  readonly reference: string | null;
  readonly processedOn: string;
  readonly lines: readonly { readonly type: string; readonly currency: string; readonly amount: string }[];
}

export interface PayoutLink {
  readonly payoutId: string;
  /** The payout day, when the file name gives it. */
  readonly settledOn: string | null;
}

const TYPES: Record<string, SettlementType> = {
  capture: 'payment',
  refund: 'refund',
  chargeback: 'chargeback',
};

export function fromFinancialAction(action: FinancialAction): ActionInput {
  return {
    actionId: action.action_id,
    paymentId: action.payment_id,
    actionType: action.action_type,
    reference: action.reference ?? null,
    processedOn: action.processed_on,
    lines: (action.breakdown ?? []).map((b) => ({
      type: b.breakdown_type,
      currency: b.holding_currency,
      amount: numberAsDecimal(b.holding_currency_amount),
    })),
  };
}

/**
 * One action as a settlement row, signed from the shop's side. The breakdown's `Gross` line
 * (UNCONFIRMED name, see docs/adr/0017) is the money moved; every line with "fee" in its type is a
 * fee (charged: positive). Amounts are decimals in the holding currency, each line rounded to minor
 * units (half away from zero) exactly, then summed.
 */
export function actionRow(
  action: ActionInput,
  payment: PaymentRow | null,
  account: string,
  payout: PayoutLink | null,
): SettlementRowInput {
  const unreadable = (why: string) =>
    new ProviderError('refused', 'unreadable_answer', `financial action ${action.actionId}: ${why}`);
  const grossLine = action.lines.find((b) => /gross/i.test(b.type));
  const currency = grossLine?.currency ?? action.lines[0]?.currency ?? payment?.currency ?? '';
  if (!isCurrencyCode(currency)) throw unreadable(`currency ${currency}`);
  const minor = (amount: string) => {
    const value = decimalToMinor(amount, currency, 'round');
    if (value === null) throw unreadable(`amount ${amount}`);
    return Math.abs(value);
  };
  const type = TYPES[action.actionType.toLowerCase()] ?? 'adjustment';
  const sign = type === 'refund' || type === 'chargeback' ? -1 : 1;
  const grossMinor = grossLine ? sign * minor(grossLine.amount) : 0;
  const feeMinor = action.lines
    .filter((b) => /fee/i.test(b.type) && b.currency === currency)
    .reduce((sum, b) => sum + minor(b.amount), 0);
  const bookedAt = new Date(action.processedOn);
  if (Number.isNaN(bookedAt.getTime())) throw unreadable(`processed on ${action.processedOn}`);
  const row = SettlementRowInput.safeParse({
    provider: 'checkout',
    account,
    rowKey: action.actionId,
    type,
    payoutId: payout?.payoutId ?? null,
    settledOn: payout?.settledOn ?? null,
    bookedAt: bookedAt.toISOString(),
    providerPaymentRef: action.paymentId,
    ourReference: action.reference ?? payment?.reference ?? null,
    grossMinor,
    feeMinor,
    netMinor: grossMinor - feeMinor,
    currency,
  });
  if (!row.success) throw unreadable(row.error.message);
  return row.data;
}
