import type { CheckoutState, FakeAction, FakeLink, FakePayment } from './checkout-fake-state';

/** Answers in the shapes of checkout-com-payment-links-subset.openapi.json (checked by the tests). */

export function linkCreatedBody(link: FakeLink, base: string) {
  return {
    id: link.id,
    expires_on: new Date(link.expiresAt).toISOString(),
    ...(link.reference ? { reference: link.reference } : {}),
    _links: { self: { href: `${base}/payment-links/${link.id}` }, redirect: { href: `${base}/link/${link.id}` } },
  };
}

export function linkBody(link: FakeLink, state: CheckoutState, base: string) {
  return {
    id: link.id,
    status: state.linkStatus(link),
    ...(link.paymentId ? { payment_id: link.paymentId } : {}),
    amount: link.amount,
    currency: link.currency,
    ...(link.reference ? { reference: link.reference } : {}),
    ...(link.description ? { description: link.description } : {}),
    created_on: link.createdOn,
    expires_on: new Date(link.expiresAt).toISOString(),
    billing: link.billing,
    ...(link.customer ? { customer: link.customer } : {}),
    _links: { self: { href: `${base}/payment-links/${link.id}` }, redirect: { href: `${base}/link/${link.id}` } },
  };
}

export function paymentBody(payment: FakePayment, state: CheckoutState, base: string) {
  const self = `${base}/payments/${payment.id}`;
  return {
    id: payment.id,
    requested_on: payment.requestedOn,
    source: {
      type: 'card',
      expiry_month: 12,
      expiry_year: 2030,
      scheme: 'Visa',
      last4: '4242',
      fingerprint: 'F639CAB2745BEE4140BF86DF6B6D6E255C5945AAC3788D923FA047EA4C208622',
      bin: '424242',
    },
    amount: payment.amount,
    currency: payment.currency,
    payment_type: 'Regular',
    ...(payment.reference ? { reference: payment.reference } : {}),
    approved: payment.status !== 'Declined',
    status: payment.status,
    balances: state.balances(payment),
    actions: payment.actions.map(actionSummary),
    _links: { self: { href: self }, actions: { href: `${self}/actions` } },
  };
}

function actionSummary(action: FakeAction) {
  return {
    id: action.id,
    type: action.type,
    ...(action.responseCode ? { response_code: action.responseCode } : {}),
    ...(action.responseCode ? { response_summary: action.responseCode === '10000' ? 'Approved' : 'Declined' } : {}),
  };
}

export function eventBody(
  id: string,
  type: string,
  payment: FakePayment,
  action: FakeAction | null,
  state: CheckoutState,
  base: string,
) {
  return {
    id,
    type,
    version: '1.0.29',
    created_on: new Date().toISOString(),
    data: {
      id: payment.id,
      ...(action ? { action_id: action.id } : {}),
      ...(payment.reference ? { reference: payment.reference } : {}),
      amount: action?.amount ?? payment.amount,
      currency: payment.currency,
      processed_on: action?.processedOn ?? new Date().toISOString(),
      response_code: action?.responseCode ?? '10000',
      response_summary: action?.responseCode === '10000' ? 'Approved' : 'Declined',
      balances: state.balances(payment),
      metadata: {},
    },
    _links: {
      self: { href: `${base}/workflows/events/${id}` },
      subject: { href: `${base}/workflows/events/subject/${payment.id}` },
    },
  };
}

export function validationError(...codes: string[]) {
  return { request_id: `fake-${Date.now()}`, error_type: 'request_invalid', error_codes: codes };
}

/** The hosted page a QR leads to: one button to pay (demo and manual checks). */
export function linkPage(link: FakeLink, status: string): string {
  const amount = `${(link.amount / 100).toFixed(2)} ${link.currency}`;
  const button =
    status === 'Active'
      ? `<form method="post" action="/link/${link.id}/pay"><button>Pay ${amount}</button></form>`
      : '';
  return `<!doctype html><meta charset="utf-8"><title>Checkout.com (fake)</title>
<h1>Checkout.com (fake)</h1><p>${link.description ?? ''}</p><p>${amount}: ${status}</p>${button}`;
}
