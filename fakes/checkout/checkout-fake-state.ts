import { CURRENCY_ACCOUNT_ID, ckoId, decimal, ENTITY_ID, linkId, TEST_AMOUNTS } from './checkout-fake-ids';

export interface FakeLink {
  id: string;
  amount: number;
  currency: string;
  reference: string | undefined;
  description: string | undefined;
  capture: boolean;
  billing: unknown;
  customer: unknown;
  metadata: unknown;
  createdOn: string;
  expiresAt: number;
  paymentId: string | null;
  received: boolean;
  /** `processing_channel_id` of the request (null: the account's default channel). */
  processingChannelId: string | null;
}

export interface FakeAction {
  id: string;
  type: 'Authorization' | 'Capture' | 'Refund' | 'Void';
  amount: number;
  processedOn: string | null;
  responseCode: string | null;
  reference: string | undefined;
}

export interface FakePayment {
  id: string;
  linkId: string | null;
  amount: number;
  currency: string;
  reference: string | undefined;
  requestedOn: string;
  status: 'Pending' | 'Authorized' | 'Captured' | 'Partially Refunded' | 'Refunded' | 'Declined' | 'Voided';
  captured: number;
  refunded: number;
  /** Refunds accepted but not processed yet (they already reduce what may be refunded). */
  refundPending: number;
  voided: number;
  actions: FakeAction[];
  processingChannelId: string | null;
}

export interface FakeFinancialAction {
  paymentId: string;
  body: Record<string, unknown>;
}

export type Emit = (payment: FakePayment, type: string, action: FakeAction | null) => void;

/** The fake's books: links, payments with their actions, and the financial actions they produce. */
export function createCheckoutState(emit: Emit) {
  const links = new Map<string, FakeLink>();
  const payments = new Map<string, FakePayment>();
  const financial: FakeFinancialAction[] = [];
  /** Every event per payment, for `GET /workflows/events/subject/{id}` (rebuilding after downtime). */
  const events: { subject: string; summary: { id: string; type: string; timestamp: string } }[] = [];
  const now = () => new Date().toISOString();

  function addFinancial(payment: FakePayment, action: FakeAction, sign: 1 | -1): void {
    const gross = decimal(action.amount);
    const fee = decimal(10 + Math.round(action.amount * 0.012));
    const line = (type: string, amount: number) => ({
      breakdown_type: type,
      fx_rate_applied: 1,
      holding_currency: payment.currency,
      holding_currency_amount: amount,
      processing_currency: payment.currency,
      processing_currency_amount: amount,
    });
    financial.push({
      paymentId: payment.id,
      body: {
        payment_id: payment.id,
        action_id: action.id,
        action_type: action.type,
        entity_id: ENTITY_ID,
        currency_account_id: CURRENCY_ACCOUNT_ID,
        payment_method: 'VISA',
        reference: payment.reference,
        ...(payment.processingChannelId ? { processing_channel_id: payment.processingChannelId } : {}),
        response_code: action.responseCode ?? '10000',
        processed_on: action.processedOn ?? now(),
        requested_on: action.processedOn ?? now(),
        breakdown: [line('Gross', sign * gross), line('Scheme Fixed Fee', -fee)],
      },
    });
  }

  function action(payment: FakePayment, type: FakeAction['type'], amount: number, code: string | null): FakeAction {
    const made: FakeAction = {
      id: ckoId('act'),
      type,
      amount,
      processedOn: code ? now() : null,
      responseCode: code,
      reference: payment.reference,
    };
    payment.actions.push(made);
    return made;
  }

  return {
    links,
    payments,
    financial,
    events,
    createLink(body: Record<string, unknown>): FakeLink {
      const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 86_400;
      const link: FakeLink = {
        id: linkId(),
        amount: body.amount as number,
        currency: body.currency as string,
        reference: body.reference as string | undefined,
        description: body.description as string | undefined,
        capture: body.capture !== false,
        billing: body.billing,
        customer: body.customer,
        metadata: body.metadata,
        createdOn: now(),
        expiresAt: Date.now() + expiresIn * 1000,
        paymentId: null,
        received: false,
        processingChannelId: typeof body.processing_channel_id === 'string' ? body.processing_channel_id : null,
      };
      links.set(link.id, link);
      return link;
    },
    linkStatus(link: FakeLink): 'Active' | 'Payment Received' | 'Expired' {
      if (link.received) return 'Payment Received';
      return Date.now() >= link.expiresAt ? 'Expired' : 'Active';
    },
    /** The customer pays on the link's page; amounts ending in 05 are declined unless a test says otherwise. */
    pay(link: FakeLink, outcome?: 'approved' | 'declined'): FakePayment {
      const declined = outcome ? outcome === 'declined' : link.amount % 100 === TEST_AMOUNTS.declined;
      const payment: FakePayment = {
        id: ckoId('pay'),
        linkId: link.id,
        amount: link.amount,
        currency: link.currency,
        reference: link.reference,
        requestedOn: now(),
        status: declined ? 'Declined' : 'Authorized',
        captured: 0,
        refunded: 0,
        refundPending: 0,
        voided: 0,
        actions: [],
        processingChannelId: link.processingChannelId,
      };
      payments.set(payment.id, payment);
      link.paymentId = payment.id;
      const auth = action(payment, 'Authorization', link.amount, declined ? '20005' : '10000');
      if (declined) {
        emit(payment, 'payment_declined', auth);
        return payment;
      }
      link.received = true;
      emit(payment, 'payment_approved', auth);
      if (link.capture) this.capture(payment, payment.amount);
      return payment;
    },
    capture(payment: FakePayment, amount: number): FakeAction {
      const made = action(payment, 'Capture', amount, '10000');
      payment.captured += amount;
      payment.status = 'Captured';
      addFinancial(payment, made, 1);
      emit(payment, 'payment_captured', made);
      return made;
    },
    void(payment: FakePayment): FakeAction {
      const made = action(payment, 'Void', payment.amount, '10000');
      payment.voided = payment.amount;
      payment.status = 'Voided';
      emit(payment, 'payment_voided', made);
      return made;
    },
    /** Accepted now, processed later (asynchronous like card refunds); amounts ending in 07 are declined. */
    acceptRefund(payment: FakePayment, amount: number): FakeAction {
      payment.refundPending += amount;
      return action(payment, 'Refund', amount, null);
    },
    processRefund(payment: FakePayment, refund: FakeAction): void {
      if (refund.responseCode) return;
      payment.refundPending -= refund.amount;
      refund.processedOn = now();
      if (refund.amount % 100 === TEST_AMOUNTS.refundDeclined) {
        refund.responseCode = '20007';
        emit(payment, 'payment_refund_declined', refund);
        return;
      }
      refund.responseCode = '10000';
      payment.refunded += refund.amount;
      payment.status = payment.refunded >= payment.captured ? 'Refunded' : 'Partially Refunded';
      addFinancial(payment, refund, -1);
      emit(payment, 'payment_refunded', refund);
    },
    /**
     * A captured payment of another processing channel of the same entity (a web shop): only its
     * financial action exists here (Kassa never sees the payment), ready to be paid out with the rest.
     */
    otherChannelCapture(amount: number, currency: string, processingChannelId: string): void {
      const payment: FakePayment = {
        id: ckoId('pay'),
        linkId: null,
        amount,
        currency,
        reference: `WEB-${amount}`,
        requestedOn: now(),
        status: 'Captured',
        captured: amount,
        refunded: 0,
        refundPending: 0,
        voided: 0,
        actions: [],
        processingChannelId,
      };
      addFinancial(payment, action(payment, 'Capture', amount, '10000'), 1);
    },
    balances(payment: FakePayment) {
      const authorized = payment.status === 'Declined' ? 0 : payment.amount;
      const open = payment.status === 'Authorized' ? authorized - payment.captured - payment.voided : 0;
      return {
        total_authorized: authorized,
        total_voided: payment.voided,
        available_to_void: open,
        total_captured: payment.captured,
        available_to_capture: open,
        total_refunded: payment.refunded,
        available_to_refund: payment.captured - payment.refunded - payment.refundPending,
      };
    },
  };
}

export type CheckoutState = ReturnType<typeof createCheckoutState>;
