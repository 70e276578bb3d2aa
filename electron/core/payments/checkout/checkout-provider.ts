import type { CurrencyCode } from '../../../../shared/money/currency';
import type {
  AttemptRef,
  CaptureRequest,
  PaymentProvider,
  ProviderStatus,
  RefundAnswer,
  RefundRequest,
  StartAnswer,
  StartRequest,
} from '../provider';
import { ProviderError } from '../provider';
import type { CheckoutClient } from './checkout-client';
import type { CheckoutConfig } from './checkout-config';
import { ActionAccepted, LinkCreated, LinkDetails, PaymentDetails, PaymentList } from './checkout-schemas';
import { APPROVED_CODE, describePayment } from './checkout-status';

export const CHECKOUT_TERMINAL_ID = 'checkout-link';

/** A QR at the counter: the customer is standing there, so the link dies soon after. */
export const COUNTER_LINK_SECONDS = 15 * 60;
/** A link sent by e-mail: a week to pay, after which a new one is sent. */
export const REMOTE_LINK_SECONDS = 7 * 24 * 60 * 60;

/** Country for `billing.address.country` (it decides which payment methods the page offers). */
const COUNTRY_BY_CURRENCY: Record<string, string> = {
  EUR: 'NL',
  NOK: 'NO',
  DKK: 'DK',
  SEK: 'SE',
  GBP: 'GB',
  USD: 'US',
  CHF: 'CH',
  PLN: 'PL',
};

const LOCALES: Record<string, string> = {
  da: 'da-DK',
  de: 'de-DE',
  en: 'en-GB',
  es: 'es-ES',
  fi: 'fi-FI',
  fr: 'fr-FR',
  it: 'it-IT',
  nb: 'nb-NO',
  no: 'nb-NO',
  nl: 'nl-NL',
  pt: 'pt-PT',
  sv: 'sv-SE',
};

/**
 * Checkout.com payment links: `start` creates a link (QR at the counter or sent by e-mail), `status`
 * reads the link and then the payment it led to. Links cannot be revoked, so `cancel` withdraws on
 * Kassa's side only ("abort" semantics: a payment that still arrives is paid-after-cancel).
 */
export function createCheckoutProvider(options: {
  client: CheckoutClient;
  config: () => CheckoutConfig | null;
  pollIntervalMs?: number;
}): PaymentProvider {
  const { client } = options;
  /** Links the cashier withdrew in this run; after a restart the row's cancelRequested says the same. */
  const withdrawn = new Set<string>();
  const capture = () => options.config()?.capture ?? true;

  const readPayment = (id: string) => client.request(PaymentDetails, 'GET', `/payments/${encodeURIComponent(id)}`);
  const readLink = (id: string) => client.request(LinkDetails, 'GET', `/payment-links/${encodeURIComponent(id)}`);

  /** The newest payment Checkout.com holds under our reference (a link's payment carries the link's reference). */
  async function byReference(reference: string): Promise<PaymentDetails | null> {
    const list = await client.request(PaymentList, 'GET', `/payments?reference=${encodeURIComponent(reference)}`);
    const found = (list.data ?? []).filter((p) => p.reference === reference);
    found.sort((a, b) => (a.requested_on ?? '').localeCompare(b.requested_on ?? ''));
    return found.at(-1) ?? null;
  }

  /** The payment behind an attempt: by its id, through its link, or by our reference. */
  async function paymentOf(attempt: AttemptRef): Promise<PaymentDetails | null> {
    const ref = attempt.providerRef;
    if (ref?.startsWith('pay_')) return readPayment(ref);
    if (ref?.startsWith('pl_')) {
      const link = await readLink(ref);
      if (link.payment_id) return readPayment(link.payment_id);
    }
    return byReference(attempt.reference);
  }

  async function mustPaymentOf(attempt: AttemptRef): Promise<PaymentDetails> {
    const payment = await paymentOf(attempt);
    if (!payment)
      throw new ProviderError('refused', 'no_transaction', `no Checkout.com payment for ${attempt.reference}`);
    return payment;
  }

  const isWithdrawn = (attempt: AttemptRef) =>
    withdrawn.has(attempt.reference) || (attempt as { cancelRequested?: boolean }).cancelRequested === true;

  return {
    id: 'checkout',
    capabilities: {
      lookupByReference: true,
      cancel: 'abort',
      pushesEvents: true,
      // Payment links are not on Checkout.com's idempotency list: a lost answer is looked up, never resent.
      idempotentStart: false,
      pollIntervalMs: options.pollIntervalMs ?? 3_000,
      firstPollDelayMs: options.pollIntervalMs ?? 3_000,
      // A withdrawn counter link can still be paid until it expires: keep looking that long (+ slack).
      lateApprovalWatchMs: (COUNTER_LINK_SECONDS + 120) * 1000,
      refunds: ['online'],
      idempotentRefunds: true,
      currencies: null,
      voids: true,
    },

    async listTerminals() {
      if (!options.config()) return [];
      return [{ id: CHECKOUT_TERMINAL_ID, name: 'Checkout.com link', kind: 'pay_link', online: true, refunds: false }];
    },

    async start(request: StartRequest): Promise<StartAnswer> {
      const config = options.config();
      if (!config) throw new ProviderError('refused', 'not_configured', 'Checkout.com is not configured');
      const customer = request.customer;
      const locale = customer?.language ? LOCALES[customer.language.toLowerCase()] : undefined;
      const expiresIn = request.linkUse === 'remote' ? REMOTE_LINK_SECONDS : COUNTER_LINK_SECONDS;
      const body = {
        amount: request.amount.minor,
        currency: request.amount.currency,
        reference: request.reference.slice(0, 50),
        description: request.description.slice(0, 100),
        billing: { address: { country: countryOf(request.amount.currency) } },
        ...(customer
          ? { customer: { name: customer.name.slice(0, 255), ...(customer.email ? { email: customer.email } : {}) } }
          : {}),
        ...(locale ? { locale } : {}),
        expires_in: expiresIn,
        ...(config.processingChannelId ? { processing_channel_id: config.processingChannelId } : {}),
        capture: config.capture,
        metadata: { kassa_reference: request.reference },
      };
      const created = await client.request(LinkCreated, 'POST', '/payment-links', body, request.idempotencyKey);
      const expiresAt = created.expires_on
        ? new Date(created.expires_on).toISOString()
        : new Date(Date.now() + expiresIn * 1000).toISOString();
      return { providerRef: created.id, payLink: { url: created._links.redirect.href, expiresAt } };
    },

    /** Reads only: the link, then the payment it led to (the payment's word is final, never the link's). */
    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const ref = attempt.providerRef;
      if (ref?.startsWith('pay_')) return describePayment(await readPayment(ref), capture());
      if (ref?.startsWith('pl_')) {
        const link = await readLink(ref);
        if (link.payment_id) return describePayment(await readPayment(link.payment_id), capture());
        if (link.status === 'Expired') return { kind: 'expired', raw: 'Expired' };
        if (link.status === 'Payment Received') {
          const paid = await byReference(attempt.reference);
          if (paid) return describePayment(paid, capture());
        }
        if (isWithdrawn(attempt)) return { kind: 'cancelled', raw: 'Active+withdrawn' };
        return { kind: 'pending', phase: 'waiting_customer', raw: link.status };
      }
      // The start's answer was lost (or Kassa stopped before committing the link's id): only a
      // payment under our reference can exist. Without one nobody can pay the link — its address
      // was never shown or sent — so the attempt failed (see docs/adr/0017).
      const paid = await byReference(attempt.reference);
      if (paid) return describePayment(paid, capture());
      return { kind: 'failed', reason: 'link_not_shown', raw: 'NO_PAYMENT_FOR_REFERENCE' };
    },

    /** Withdraws the link on Kassa's side: Checkout.com has no call to revoke a payment link. */
    async cancel(attempt: AttemptRef) {
      withdrawn.add(attempt.reference);
      return 'accepted';
    },

    async capture(attempt: AttemptRef, request: CaptureRequest): Promise<ProviderStatus> {
      const payment = await mustPaymentOf(attempt);
      await client.request(
        ActionAccepted,
        'POST',
        `/payments/${payment.id}/captures`,
        { amount: request.amountMinor, reference: attempt.reference.slice(0, 50) },
        request.idempotencyKey,
      );
      return describePayment(await readPayment(payment.id), false);
    },

    /** Releases an authorisation not yet captured; once captured it is `too_late` and a refund does it. */
    async void(attempt: AttemptRef): Promise<'voided' | 'too_late'> {
      const before = await mustPaymentOf(attempt);
      if ((before.balances?.total_captured ?? 0) > 0 || before.status === 'Captured') return 'too_late';
      if (before.status === 'Voided') return 'voided';
      if (before.status !== 'Authorized') {
        throw new ProviderError('refused', 'not_authorized', `Checkout.com payment is ${before.status}`);
      }
      await client.request(
        ActionAccepted,
        'POST',
        `/payments/${before.id}/voids`,
        { reference: attempt.reference.slice(0, 50) },
        `${attempt.idempotencyKey}-void`,
      );
      const after = await readPayment(before.id);
      if (after.status === 'Voided') return 'voided';
      if ((after.balances?.total_captured ?? 0) > 0) return 'too_late';
      // Accepted, not done yet (voids are asynchronous): the void service asks the status again.
      throw new ProviderError('outcome_unknown', 'no_answer', `void of ${before.id} accepted, payment ${after.status}`);
    },

    /** Asynchronous at Checkout.com: accepted now, final on payment_refunded/_declined or a status read. */
    async refund(request: RefundRequest): Promise<RefundAnswer> {
      const payment = await mustPaymentOf(request.payment);
      const accepted = await client.request(
        ActionAccepted,
        'POST',
        `/payments/${payment.id}/refunds`,
        { amount: request.amount.minor, reference: request.refundId.slice(0, 50) },
        request.idempotencyKey,
      );
      return { providerRef: accepted.action_id, state: 'pending' };
    },

    /** The refund action on the payment: approved, declined, or not processed yet. */
    async refundStatus(request: RefundRequest, actionId: string): Promise<RefundAnswer> {
      const payment = await mustPaymentOf(request.payment);
      const action = payment.actions?.find((a) => a.id === actionId);
      if (!action?.response_code) return { providerRef: actionId, state: 'pending' };
      if (APPROVED_CODE.test(action.response_code)) return { providerRef: actionId, state: 'succeeded' };
      return { providerRef: actionId, state: 'failed', reason: `declined_${action.response_code}` };
    },
  };
}

function countryOf(currency: CurrencyCode): string {
  return COUNTRY_BY_CURRENCY[currency] ?? 'NL';
}
