import type { FakeReply, SeenRequest } from '../fake-http';
import type { VippsFakeOptions, VippsLedger } from './vipps-fake-ledger';
import {
  type Amount,
  createRequestProblem,
  type FakePayment,
  invalidReference,
  problem,
  snapshot,
  VIPPS_REFERENCE,
} from './vipps-fake-wire';

interface CreateBody extends Record<string, unknown> {
  amount?: Amount;
  reference?: string;
  customer?: { phoneNumber?: string };
  userFlow?: string;
  paymentDescription?: string;
}

/** The demo customer: numbers ending 0000 never answer; ending 1111 reject; others approve. */
function demoCustomer(ledger: VippsLedger, p: FakePayment, afterMs: number): void {
  setTimeout(() => {
    if (p.state !== 'CREATED' || p.phone.endsWith('0000')) return;
    if (p.phone.endsWith('1111')) {
      p.state = 'ABORTED';
      ledger.emit(p, 'ABORTED', p.amount, null);
      return;
    }
    ledger.approve(p);
  }, afterMs).unref();
}

/** `POST /epayment/v1/payments`: one payment per reference, one answer per Idempotency-Key. */
export function createPayment(req: SeenRequest, ledger: VippsLedger, options: VippsFakeOptions): FakeReply {
  const key = req.headers['idempotency-key'];
  if (!key || key.length > 50) return problem(400, 'Invalid Idempotency-Key');
  const body = req.body as CreateBody;
  const earlier = ledger.keyed.get(`create:${key}`);
  if (earlier) return earlier.body === req.rawBody ? earlier.reply : problem(409, 'Idempotency conflict');
  if (typeof body?.reference !== 'string' || !VIPPS_REFERENCE.test(body.reference)) {
    return invalidReference(body?.reference);
  }
  const refused = createRequestProblem(body);
  if (refused) return refused;
  if (!body.amount || !body.customer?.phoneNumber) return problem(400, 'Invalid request');
  if (ledger.payments.has(body.reference))
    return problem(409, 'Reference already exists', `Reference ${body.reference} already exists`);
  const p: FakePayment = {
    reference: body.reference,
    state: 'CREATED',
    amount: body.amount,
    phone: body.customer.phoneNumber,
    authorized: 0,
    captured: 0,
    cancelled: 0,
    refunded: 0,
    pspReference: String(Math.floor(Math.random() * 1e15)),
    createKey: key,
    createBody: req.rawBody,
    events: [],
    timer: null,
  };
  ledger.payments.set(p.reference, p);
  ledger.emit(p, 'CREATED', p.amount, key);
  p.timer = setTimeout(() => {
    if (p.state === 'CREATED') {
      p.state = 'EXPIRED';
      ledger.emit(p, 'EXPIRED', p.amount, null);
    }
  }, options.expiryMs ?? 600_000);
  p.timer.unref();
  if (options.customerApprovesAfterMs != null) demoCustomer(ledger, p, options.customerApprovesAfterMs);
  const reply: FakeReply = { status: 201, body: { reference: p.reference } };
  ledger.keyed.set(`create:${key}`, { body: req.rawBody, reply });
  return reply;
}

function cancel(req: SeenRequest, p: FakePayment, ledger: VippsLedger): FakeReply | null {
  const onlyTransaction = (req.body as { cancelTransactionOnly?: boolean })?.cancelTransactionOnly === true;
  if (p.state === 'CREATED') {
    if (p.timer) clearTimeout(p.timer);
    p.state = 'TERMINATED';
    p.cancelled = p.amount.value;
    ledger.emit(p, 'TERMINATED', p.amount, req.headers['idempotency-key'] ?? null);
    return null;
  }
  if (p.state !== 'AUTHORIZED') return problem(400, 'Cannot cancel', `payment is ${p.state}`);
  if (onlyTransaction) return null;
  if (p.captured >= p.authorized) return problem(400, 'Cannot cancel a captured payment');
  const rest = p.authorized - p.captured - p.cancelled;
  p.cancelled += rest;
  ledger.emit(p, 'CANCELLED', { currency: p.amount.currency, value: rest }, req.headers['idempotency-key'] ?? null);
  return null;
}

function capture(req: SeenRequest, p: FakePayment, ledger: VippsLedger, amount: Amount | undefined) {
  if (p.state !== 'AUTHORIZED') return problem(400, 'Cannot capture before reservation');
  if (!amount || amount.value < 1 || amount.value > p.authorized - p.captured - p.cancelled) {
    return problem(400, 'Capture amount too high');
  }
  p.captured += amount.value;
  ledger.emit(p, 'CAPTURED', amount, req.headers['idempotency-key'] ?? null);
  return null;
}

function refund(req: SeenRequest, p: FakePayment, ledger: VippsLedger, amount: Amount | undefined) {
  if (!amount || amount.value < 1 || amount.value > p.captured - p.refunded)
    return problem(400, 'Not enough refundable');
  p.refunded += amount.value;
  ledger.emit(p, 'REFUNDED', amount, req.headers['idempotency-key'] ?? null);
  return null;
}

/** `/epayment/v1/payments/{reference}[/action]` and the test API's force-approve; null when no route matches. */
export function paymentRoute(req: SeenRequest, ledger: VippsLedger): FakeReply | null {
  const match = req.path.match(/^\/epayment\/v1\/(test\/)?payments\/([^/]+)(?:\/([a-z]+))?$/);
  if (!match) return null;
  const [, test, ref, action] = match;
  const reference = decodeURIComponent(ref ?? '');
  if (!VIPPS_REFERENCE.test(reference)) return invalidReference(reference);
  const p = ledger.payments.get(reference);
  if (!p) return problem(404, 'Reference not found');
  if (test && action === 'approve' && req.method === 'POST') return ledger.approve(p) ?? { status: 200, body: {} };
  if (req.method === 'GET' && !action) return { status: 200, body: snapshot(p) };
  if (req.method === 'GET' && action === 'events') {
    return {
      status: 200,
      body: p.events.map((e) => ({ reference: p.reference, pspReference: p.pspReference, ...e })),
    };
  }
  const amount = () => (req.body as { modificationAmount?: Amount })?.modificationAmount;
  if (req.method === 'POST' && action === 'cancel')
    return ledger.modify(req, p, 'cancel', () => cancel(req, p, ledger));
  if (req.method === 'POST' && action === 'capture')
    return ledger.modify(req, p, 'capture', () => capture(req, p, ledger, amount()));
  if (req.method === 'POST' && action === 'refund')
    return ledger.modify(req, p, 'refund', () => refund(req, p, ledger, amount()));
  return null;
}
