import { z } from 'zod';
import { decimalsOf, isCurrencyCode } from '../../../../shared/money/currency';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import {
  type SettlementPage,
  SettlementRowInput,
  type SettlementSource,
  type SettlementType,
  type SettlementWindow,
} from '../../settlement/settlement-row';
import { ProviderError } from '../provider';
import type { CheckoutClient } from './checkout-client';
import type { CheckoutConfig } from './checkout-config';
import { type FinancialAction, FinancialActionList } from './checkout-schemas';

/** Where an import stopped: at this payment, on this page of its financial actions. */
const Cursor = z.object({ paymentId: z.string(), token: z.string().nullable() });

const PAGE_SIZE = 100;

/**
 * Checkout.com's settlement data for Kassa's payments: the Financial Actions API
 * (`GET /financial-actions?payment_id=…`, paginated by `pagination_token`) — it has no date filter,
 * so the window chooses Kassa's own Checkout.com payments made in it, one payment's page per fetch.
 * Lines are turned into the provider-neutral shape, signed from the shop's side. The API names no
 * payout: payout id and settlement day stay null until a "Financial Actions by Payout ID" report
 * fills them (reconciliation's import upserts by action id).
 */
export function createCheckoutSettlements(deps: {
  client: CheckoutClient;
  config: () => CheckoutConfig | null;
  payments: PaymentRepository;
}): SettlementSource {
  function candidates(window: SettlementWindow): PaymentRow[] {
    return deps.payments
      .createdSince(`${window.from}T00:00:00.000Z`)
      .filter(
        (p) => p.provider === 'checkout' && p.providerRef?.startsWith('pay_') && p.createdAt.slice(0, 10) <= window.to,
      )
      .sort((a, b) =>
        a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
      );
  }

  return {
    get account() {
      return deps.config()?.processingChannelId ?? 'default';
    },
    async fetch(window: SettlementWindow): Promise<SettlementPage> {
      const list = candidates(window);
      const parsed = window.cursor ? Cursor.safeParse(JSON.parse(window.cursor)) : null;
      const at = parsed?.success ? list.findIndex((p) => p.id === parsed.data.paymentId) : -1;
      const index = Math.max(0, at);
      const payment = list[index];
      if (!payment?.providerRef) return { rows: [], cursor: null, more: false };
      const token = at >= 0 && parsed?.success ? parsed.data.token : null;
      const query = new URLSearchParams({ payment_id: payment.providerRef, limit: String(PAGE_SIZE) });
      if (token) query.set('pagination_token', token);
      const page = await deps.client.request(FinancialActionList, 'GET', `/financial-actions?${query}`);
      const rows = (page.data ?? []).flatMap((action) => {
        const row = toRow(action, payment, this.account);
        return row ? [row] : [];
      });
      const nextToken = page._links?.next?.href
        ? new URL(page._links.next.href).searchParams.get('pagination_token')
        : null;
      if (nextToken) return { rows, cursor: JSON.stringify({ paymentId: payment.id, token: nextToken }), more: true };
      const next = list[index + 1];
      if (next) return { rows, cursor: JSON.stringify({ paymentId: next.id, token: null }), more: true };
      return { rows, cursor: null, more: false };
    },
  };
}

const TYPES: Record<string, SettlementType> = {
  capture: 'payment',
  refund: 'refund',
  chargeback: 'chargeback',
};

/**
 * One financial action as a settlement row. The breakdown's `Gross` line (UNCONFIRMED name, see
 * docs/adr/0017) is the money moved; every line with "fee" in its type is a fee (charged: positive).
 * Amounts are decimals in the holding currency: converted to minor units once, here.
 */
export function toRow(action: FinancialAction, payment: PaymentRow | null, account: string): SettlementRowInput | null {
  const breakdown = action.breakdown ?? [];
  const grossLine = breakdown.find((b) => /gross/i.test(b.breakdown_type));
  const currency = grossLine?.holding_currency ?? breakdown[0]?.holding_currency ?? payment?.currency ?? '';
  if (!isCurrencyCode(currency)) {
    throw new ProviderError(
      'refused',
      'unreadable_answer',
      `financial action ${action.action_id}: currency ${currency}`,
    );
  }
  const minor = (amount: number) => Math.round(Math.abs(amount) * 10 ** decimalsOf(currency));
  const type = TYPES[action.action_type.toLowerCase()] ?? 'adjustment';
  const sign = type === 'refund' || type === 'chargeback' ? -1 : 1;
  const grossMinor = grossLine ? sign * minor(grossLine.holding_currency_amount) : 0;
  const feeMinor = breakdown
    .filter((b) => /fee/i.test(b.breakdown_type) && b.holding_currency === currency)
    .reduce((sum, b) => sum + minor(b.holding_currency_amount), 0);
  const row = SettlementRowInput.safeParse({
    provider: 'checkout',
    account,
    rowKey: action.action_id,
    type,
    payoutId: null,
    settledOn: null,
    bookedAt: new Date(action.processed_on).toISOString(),
    providerPaymentRef: action.payment_id,
    ourReference: action.reference ?? payment?.reference ?? null,
    grossMinor,
    feeMinor,
    netMinor: grossMinor - feeMinor,
    currency,
  });
  if (!row.success) {
    throw new ProviderError(
      'refused',
      'unreadable_answer',
      `financial action ${action.action_id}: ${row.error.message}`,
    );
  }
  return row.data;
}
