import { randomUUID } from 'node:crypto';
import { isCurrencyCode } from '../../../../shared/money/currency';
import type { Clock } from '../../clock';
import type { PaymentRepository } from '../../repositories/payments';
import type { UnmatchedRepository } from '../../repositories/unmatched';
import type { PayExchange } from './paynl-exchange';
import { PAY_METHOD_POS_REFUND } from './paynl-refunds';
import type { PayOrder, PayTransaction } from './paynl-schemas';
import { lastFour } from './paynl-status';

/** References Kassa gives its own attempts (`KS…`) and refunds (`RF…`), in any format it ever used. */
const KASSA_REFERENCE = /^(KS|RF)[-A-Za-z0-9]/;

/**
 * Money taken on a Pay.POS/SoftPOS device without a Kassa reference, reported to the sales location's
 * exchange URL, goes to the unmatched list for the cashier to assign. Only incoming money Kassa has
 * never seen under any of Pay.'s ids qualifies: otherwise assigning it would book one card charge
 * twice. `tx` is Pay.'s own word (a signed call, or Transaction:Info read back from Pay.).
 */
export function createDevicePaymentRecorder(deps: {
  payments: PaymentRepository;
  unmatched: UnmatchedRepository;
  clock: Clock;
  onUnmatched: () => void;
}) {
  const { payments, unmatched, clock } = deps;

  /** Why this is not a new device payment, or null when it is one. */
  function notADevicePayment(exchange: PayExchange, tx: PayTransaction, order: PayOrder | null): string | null {
    // Direction first: refunds and other actions reported to the location are not incoming money.
    if (exchange.action && exchange.action !== 'new_ppt') return `not incoming money (${exchange.action})`;
    if (tx.paymentMethod?.id === PAY_METHOD_POS_REFUND) return 'a refund to a card, not incoming money';
    if (order?.type === 'credit') return 'a refund to a card, not incoming money';
    if (tx.type && tx.type.toUpperCase() !== 'POS') return `not a payment taken on a device (${tx.type})`;
    // Exactly PAID: refunded or charged-back states (-81, -82, -7x) are not new money either.
    if (tx.status.code !== 100)
      return `device payment not paid (${tx.status.code}${tx.status.action ? ` ${tx.status.action}` : ''})`;

    const ids = [exchange.providerId, tx.id, tx.orderId, order?.id, order?.orderId].filter((id): id is string =>
      Boolean(id),
    );
    const references = [tx.reference, order?.reference, exchange.reference].filter((ref): ref is string =>
      Boolean(ref),
    );
    for (const ref of references) {
      if (payments.byReference(ref)) return 'a Kassa payment, not a device payment';
      // Another counter's payment (or refund) on the same sales location: that counter books it.
      if (KASSA_REFERENCE.test(ref)) return 'a Kassa reference, not a device payment';
    }
    for (const id of ids) {
      if (payments.byProviderRef('paynl', id)) return 'a Kassa payment, not a device payment';
      if (unmatched.byProviderRef('paynl', id)) return 'unmatched device payment already known';
    }
    return null;
  }

  /** `tx`, and `order` when Pay. has an Order API order behind it, are Pay.'s own records. */
  return function recordDevicePayment(exchange: PayExchange, tx: PayTransaction, order: PayOrder | null): string {
    const refused = notADevicePayment(exchange, tx, order);
    if (refused) return refused;
    const amount = tx.amount?.value;
    if (!amount || !Number.isSafeInteger(amount) || amount <= 0) return 'device payment without amount';
    // Pay.'s own word on the currency, from the transaction or its order: an amount in a guessed
    // currency could be assigned to invoices it does not pay.
    const currency = tx.amount?.currency ?? order?.amount?.currency;
    if (!currency || !isCurrencyCode(currency))
      return `device payment without a known currency (${currency ?? 'none'})`;
    const added = unmatched.insert({
      id: `U-${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`,
      provider: 'paynl',
      providerRef: tx.id ?? exchange.providerId ?? '',
      amountMinor: amount,
      currency,
      terminalId: tx.paymentMethod?.terminalCode ?? null,
      cardBrand: tx.paymentMethod?.name ?? null,
      cardLast4: lastFour(tx.paymentData?.creditcard?.number),
      paidAt: clock.now().toISOString(),
    });
    if (added) deps.onUnmatched();
    return added ? 'unmatched device payment recorded' : 'unmatched device payment already known';
  };
}
