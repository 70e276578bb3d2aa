import { randomInt, randomUUID } from 'node:crypto';
import type { FakeReply, SeenRequest } from '../fake-http';
import { type FakeOrder, type FakeTerminal, type Fault, fakeOrderId, orderBody, problem } from './paynl-fake-bodies';

export interface OrderContext {
  readonly tokenCode: string;
  readonly serviceId: string;
  readonly terminals: readonly FakeTerminal[];
  readonly orders: Map<string, FakeOrder>;
  lookup(id: string): FakeOrder | undefined;
  setStatus(o: FakeOrder, code: number): void;
  /** Demo: the terminal settles by itself this long after the order (cents choose the outcome). */
  readonly autoSettleMs: number | null | undefined;
}

/** What a caller chooses about a new order; ids, card and bookkeeping are the fake's. */
type NewOrderInput = Omit<
  FakeOrder,
  'id' | 'orderId' | 'status' | 'aborted' | 'refunded' | 'paidAmount' | 'last4' | 'createdAt'
> & { status?: FakeOrder['status'] };

/** A new order as Pay. stores it (status 20 unless given, not yet at a terminal). */
export function newOrder(input: NewOrderInput): FakeOrder {
  return {
    id: randomUUID(),
    orderId: fakeOrderId(),
    status: { code: 20, action: 'PENDING' },
    ...input,
    aborted: false,
    refunded: 0,
    paidAmount: null,
    last4: String(randomInt(1000, 9999)),
    createdAt: new Date().toISOString(),
  };
}

/** The demo terminal's outcome by the amount's cents (,05 declined, ,06 cancelled, ,07 expired, else paid). */
export function settleByCents(o: FakeOrder, setStatus: (o: FakeOrder, code: number) => void): void {
  const cents = o.amount.value % 100;
  if (o.status.code !== 50 && !(cents === 10 && o.aborted)) return;
  if (cents === 5) setStatus(o, -63);
  else if (cents === 6) setStatus(o, -90);
  else if (cents === 7) setStatus(o, -80);
  else setStatus(o, 100);
}

const terminalsAnswer = (ctx: OrderContext): FakeReply => ({
  status: 200,
  body: {
    total: ctx.terminals.length,
    count: ctx.terminals.length,
    terminals: ctx.terminals.map((t) => ({
      code: t.code,
      name: t.name,
      attribution: 'PAY.nl* Kwekerij De Fake',
      status: 'ACTIVE',
      connectionStatus: t.online ? 'ONLINE' : 'OFFLINE',
      merchant: { code: 'M-1000-0001', name: 'Kwekerij De Fake' },
      service: { id: ctx.serviceId, name: 'Kassa' },
      terminalType: t.softpos ? 'SoftPOS' : 'PAX A920',
      ecrProtocol: 'WEB',
      paymentTypes: [{ paymentType: 'SALE' }, ...(t.refunds ? [{ paymentType: 'REFUND' }] : [])],
    })),
    _links: [],
  },
});

interface CreateOrderBody {
  serviceId?: string;
  amount?: { value?: number; currency?: string };
  reference?: string;
  description?: string;
  exchangeUrl?: string;
  paymentMethod?: { id?: number; input?: { terminalCode?: string } };
  integration?: { test?: boolean };
  stats?: { extra1?: string };
}

async function createOrder(req: SeenRequest, fault: Fault | undefined, ctx: OrderContext): Promise<FakeReply> {
  const body = req.body as CreateOrderBody;
  if (body?.serviceId !== ctx.serviceId) return problem(422, 'PAY-2001', 'Invalid serviceId');
  const value = body.amount?.value;
  if (!Number.isInteger(value) || (value ?? 0) < 1) return problem(422, 'PAY-2002', 'Invalid amount');
  // Order:Create documents `reference` as alphanumeric only: anything else is refused.
  if (body.reference !== undefined && !/^[A-Za-z0-9]+$/.test(body.reference))
    return problem(422, 'PAY-2003', 'Invalid reference', 'reference: This field only allows alphanumeric characters');
  const methodId = body.paymentMethod?.id;
  const terminal = ctx.terminals.find((t) => t.code === body.paymentMethod?.input?.terminalCode);
  if ((methodId !== 1927 && methodId !== 2351) || !terminal) return problem(422, 'PAY-2004', 'Unknown terminal');
  if (!terminal.online) return problem(422, 'PAY-2005', 'Terminal offline');
  if (methodId === 2351 && !terminal.refunds) return problem(422, 'PAY-2006', 'Terminal does not allow refunds');
  const o = newOrder({
    type: methodId === 2351 ? 'credit' : 'sale',
    serviceId: ctx.serviceId,
    reference: body.reference ?? '',
    description: body.description ?? '',
    amount: { value: value ?? 0, currency: body.amount?.currency ?? 'EUR' },
    terminalCode: terminal.code,
    exchangeUrl: body.exchangeUrl ?? null,
    extra1: body.stats?.extra1 ?? null,
    test: body.integration?.test === true,
  });
  ctx.orders.set(o.id, o);
  o.status = { code: 50, action: 'PENDING' };
  // Demo ,11: the answer to the order is lost and the terminal never settles it — an outcome
  // only a manager can decide (Pay. has no lookup by our reference).
  if (ctx.autoSettleMs != null && o.amount.value % 100 === 11) return { status: 201, dropAfter: true };
  if (ctx.autoSettleMs != null) setTimeout(() => settleByCents(o, ctx.setStatus), ctx.autoSettleMs).unref();
  if (fault === 'drop_after') return { status: 201, dropAfter: true };
  if (fault === 'slow') await new Promise((r) => setTimeout(r, 5_000));
  return { status: 201, body: orderBody(o, ctx.tokenCode) };
}

/** rest.pay.nl/v2/terminals and the Order API: Order:Create, Order:Status, Order:Abort, Order:Void. */
export async function orderRoute(
  req: SeenRequest,
  fault: Fault | undefined,
  ctx: OrderContext,
): Promise<FakeReply | null> {
  if (req.method === 'GET' && req.path === '/v2/terminals') return terminalsAnswer(ctx);
  if (req.method === 'POST' && req.path === '/v1/orders') return createOrder(req, fault, ctx);

  const voidMatch = req.path.match(/^\/v1\/orders\/([^/]+)\/void$/);
  if (voidMatch && req.method === 'PATCH') {
    const o = ctx.lookup(decodeURIComponent(voidMatch[1] ?? ''));
    if (!o) return problem(404, 'PAY-404', 'Order not found');
    // Order:Void cancels an active reservation (status 95) only; a captured (PAID) order is refunded instead.
    if (o.status.code !== 95) return problem(422, 'PAY-3002', 'Order can not be voided');
    ctx.setStatus(o, -90);
    return { status: 200, body: orderBody(o, ctx.tokenCode) };
  }

  const orderMatch = req.path.match(/^\/v1\/orders\/([^/]+)\/(status|abort)$/);
  if (orderMatch) {
    const o = ctx.lookup(decodeURIComponent(orderMatch[1] ?? ''));
    if (!o) return problem(404, 'PAY-404', 'Order not found');
    if (orderMatch[2] === 'status' && req.method === 'GET') return { status: 200, body: orderBody(o, ctx.tokenCode) };
    if (orderMatch[2] === 'abort' && req.method === 'PATCH') {
      if (o.status.code !== 20 && o.status.code !== 50) return problem(422, 'PAY-3001', 'Order can not be aborted');
      o.aborted = true;
      ctx.setStatus(o, -90);
      if (ctx.autoSettleMs != null && o.amount.value % 100 === 10) {
        setTimeout(() => ctx.setStatus(o, 100), ctx.autoSettleMs).unref();
      }
      return { status: 200, body: orderBody(o, ctx.tokenCode) };
    }
  }
  return null;
}
