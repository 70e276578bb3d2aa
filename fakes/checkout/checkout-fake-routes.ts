import type { FakeReply, SeenRequest } from '../fake-http';
import { linkBody, linkCreatedBody, linkPage, paymentBody, validationError } from './checkout-fake-bodies';
import type { CheckoutState, FakePayment } from './checkout-fake-state';
import type { WebhookSender } from './checkout-fake-webhooks';

export interface RouteContext {
  readonly state: CheckoutState;
  readonly webhooks: WebhookSender;
  readonly base: () => string;
  /** The customer paid on the hosted page. */
  readonly payLink: (linkId: string) => void;
  readonly refundDelayMs: number;
}

const notFound: FakeReply = { status: 404 };

/** The Checkout.com endpoints Kassa uses, answering as the API reference documents them. */
export function checkoutRoute(ctx: RouteContext, req: SeenRequest, url: URL): FakeReply {
  const { state, webhooks } = ctx;
  const base = ctx.base();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parts = req.path.split('/').filter(Boolean);

  if (req.method === 'GET' && parts[0] === 'link' && parts.length === 2) {
    const link = state.links.get(parts[1] ?? '');
    if (!link) return notFound;
    return { status: 200, contentType: 'text/html; charset=utf-8', body: linkPage(link, state.linkStatus(link)) };
  }
  if (req.method === 'POST' && parts[0] === 'link' && parts[2] === 'pay') {
    ctx.payLink(parts[1] ?? '');
    const link = state.links.get(parts[1] ?? '');
    return link
      ? { status: 200, contentType: 'text/html; charset=utf-8', body: linkPage(link, state.linkStatus(link)) }
      : notFound;
  }

  if (req.method === 'POST' && req.path === '/payment-links') {
    const problems = linkProblems(body);
    if (problems.length > 0) return { status: 422, body: validationError(...problems) };
    return { status: 201, body: linkCreatedBody(state.createLink(body), base) };
  }
  if (req.method === 'GET' && parts[0] === 'payment-links' && parts.length === 2) {
    const link = state.links.get(parts[1] ?? '');
    return link ? { status: 200, body: linkBody(link, state, base) } : notFound;
  }

  if (req.method === 'GET' && req.path === '/payments') {
    const reference = url.searchParams.get('reference');
    if (!reference) return { status: 422, body: validationError('reference_required') };
    const data = [...state.payments.values()]
      .filter((p) => p.reference === reference)
      .map((p) => paymentBody(p, state, base));
    return { status: 200, body: { limit: 10, skip: 0, total_count: data.length, data } };
  }
  if (parts[0] === 'payments' && parts[1]) {
    const payment = state.payments.get(parts[1]);
    if (!payment) return notFound;
    if (req.method === 'GET' && parts.length === 2) return { status: 200, body: paymentBody(payment, state, base) };
    if (req.method === 'POST' && parts.length === 3) return paymentAction(ctx, payment, parts[2] ?? '', body);
  }

  if (req.path === '/workflows') {
    if (req.method === 'GET') {
      const data = [...webhooks.workflows.values()].map((w) => ({
        id: w.id,
        name: w.name,
        _links: { self: { href: `${base}/workflows/${w.id}` } },
      }));
      return { status: 200, body: { data } };
    }
    if (req.method === 'POST') {
      const workflow = webhooks.addWorkflow(body);
      return { status: 201, body: { id: workflow.id, _links: { self: { href: `${base}/workflows/${workflow.id}` } } } };
    }
  }
  if (req.method === 'GET' && req.path.startsWith('/workflows/events/subject/')) {
    const subject = parts[3] ?? '';
    if (!state.payments.has(subject)) return notFound;
    return { status: 200, body: { data: state.events.filter((e) => e.subject === subject).map((e) => e.summary) } };
  }

  if (req.method === 'GET' && req.path === '/financial-actions') return financialActions(state, url, base);
  return notFound;
}

function paymentAction(
  ctx: RouteContext,
  payment: FakePayment,
  what: string,
  body: Record<string, unknown>,
): FakeReply {
  const { state } = ctx;
  const balances = state.balances(payment);
  const accepted = (actionId: string) => ({
    status: 202,
    body: {
      action_id: actionId,
      ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
      _links: { payment: { href: `${ctx.base()}/payments/${payment.id}` } },
    },
  });
  const amount = typeof body.amount === 'number' ? body.amount : null;
  if (what === 'captures') {
    const take = amount ?? balances.available_to_capture;
    if (balances.available_to_capture <= 0) return { status: 403, body: validationError('capture_not_allowed') };
    if (take > balances.available_to_capture) return { status: 422, body: validationError('amount_exceeds_balance') };
    return accepted(state.capture(payment, take).id);
  }
  if (what === 'voids') {
    if (balances.available_to_void <= 0) return { status: 403, body: validationError('void_not_allowed') };
    return accepted(state.void(payment).id);
  }
  if (what === 'refunds') {
    const give = amount ?? balances.available_to_refund;
    if (balances.available_to_refund <= 0) return { status: 403, body: validationError('refund_not_allowed') };
    if (give < 1 || give > balances.available_to_refund) {
      return { status: 422, body: validationError('refund_amount_exceeds_balance') };
    }
    const refund = state.acceptRefund(payment, give);
    setTimeout(() => state.processRefund(payment, refund), ctx.refundDelayMs).unref();
    return accepted(refund.id);
  }
  return notFound;
}

function linkProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.amount !== 'number' || !Number.isInteger(body.amount) || body.amount < 1)
    problems.push('amount_invalid');
  if (typeof body.currency !== 'string' || body.currency.length !== 3) problems.push('currency_required');
  const country = (body.billing as { address?: { country?: unknown } } | undefined)?.address?.country;
  if (typeof country !== 'string' || country.length !== 2) problems.push('billing_address_country_required');
  if (typeof body.reference === 'string' && body.reference.length > 50) problems.push('reference_invalid');
  const expires = body.expires_in;
  if (expires !== undefined && (typeof expires !== 'number' || expires < 1 || expires > 5_184_000)) {
    problems.push('expires_in_invalid');
  }
  return problems;
}

/** `GET /financial-actions?payment_id=…&limit=…&pagination_token=…`, newest first like the API. */
function financialActions(state: CheckoutState, url: URL, base: string): FakeReply {
  const paymentId = url.searchParams.get('payment_id');
  const actionId = url.searchParams.get('action_id');
  if (!paymentId && !actionId) return { status: 422, body: validationError('payment_id_or_action_id_required') };
  const limit = Number(url.searchParams.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return { status: 422, body: validationError('paging_limit_invalid') };
  const offset = Number(Buffer.from(url.searchParams.get('pagination_token') ?? '', 'base64url').toString() || 0);
  const all = state.financial
    .filter((f) => (paymentId ? f.paymentId === paymentId : f.body.action_id === actionId))
    .map((f) => f.body)
    .reverse();
  const data = all.slice(offset, offset + limit);
  const query = `payment_id=${paymentId ?? ''}&limit=${limit}`;
  const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64url') : null;
  return {
    status: 200,
    body: {
      count: data.length,
      limit,
      data,
      _links: {
        self: { href: `${base}/financial-actions?${query}` },
        ...(next ? { next: { href: `${base}/financial-actions?${query}&pagination_token=${next}` } } : {}),
      },
    },
  };
}
