import { randomInt } from 'node:crypto';
import type { FakeReply, SeenRequest } from '../fake-http';
import {
  type DeviceTransaction,
  deviceBody,
  type FakeOrder,
  type FakeRefund,
  type Fault,
  fakeCode,
  problem,
} from './paynl-fake-bodies';

export interface RestContext {
  lookup(id: string): FakeOrder | undefined;
  refunds: Map<string, FakeRefund>;
  devices: Map<string, DeviceTransaction>;
  /** Online refunds: paid out at once (Pay.'s usual answer) or left processing until the test settles them. */
  refundsSettle(): 'immediately' | 'later';
  tokenCode: string;
  serviceId: string;
}

/** rest.pay.nl/v2: Transaction:Refund, the refund's status, and Transaction:Info (orders and device payments). */
export function restRoute(req: SeenRequest, fault: Fault | undefined, ctx: RestContext): FakeReply | null {
  const refundMatch = req.path.match(/^\/v2\/transactions\/([^/]+)\/refund$/);
  if (refundMatch && req.method === 'PATCH') {
    const o = ctx.lookup(decodeURIComponent(refundMatch[1] ?? ''));
    if (!o) return problem(404, 'PAY-404', 'Transaction not found');
    const amount = (req.body as { amount?: { value?: number } })?.amount?.value ?? o.amount.value - o.refunded;
    if (o.status.code !== 100 && o.status.code !== -82) return problem(422, 'PAY-4001', 'Transaction not paid');
    if (amount < 1 || amount > o.amount.value - o.refunded)
      return problem(422, 'PAY-4002', 'Amount exceeds refundable');
    o.refunded += amount;
    const refund: FakeRefund = {
      id: fakeCode('RF'),
      orderId: o.orderId,
      amount,
      currency: o.amount.currency,
      status: ctx.refundsSettle() === 'immediately' ? { code: 100, action: 'PAID' } : { code: 20, action: 'PENDING' },
    };
    ctx.refunds.set(refund.id, refund);
    if (fault === 'drop_after') return { status: 200, dropAfter: true };
    return {
      status: 200,
      body: {
        orderId: o.orderId,
        transactionId: fakeCode('EX'),
        description: (req.body as { description?: string })?.description ?? '',
        processDate: null,
        amount: { value: o.amount.value, currency: o.amount.currency },
        amountRefunded: { value: amount, currency: o.amount.currency },
        refundedTransactions: [
          {
            refund: { id: refund.id },
            amount: { value: amount, currency: o.amount.currency },
          },
        ],
        failedTransactions: [],
        createdAt: new Date().toISOString(),
        createdBy: ctx.tokenCode,
      },
    };
  }

  const refundInfo = req.path.match(/^\/v2\/refunds\/([^/]+)$/);
  if (refundInfo && req.method === 'GET') {
    const r = ctx.refunds.get(decodeURIComponent(refundInfo[1] ?? ''));
    if (!r) return problem(404, 'PAY-404', 'Refund not found');
    return {
      status: 200,
      body: {
        id: r.id,
        paymentSessionId: String(randomInt(1e9)),
        amount: { value: r.amount, currency: r.currency },
        description: '',
        status: { ...r.status, phase: r.status.code === 100 ? 'APPROVED' : 'PENDING' },
        processDate: null,
      },
    };
  }

  const txMatch = req.path.match(/^\/v2\/transactions\/([^/]+)$/);
  if (txMatch && req.method === 'GET') {
    const id = decodeURIComponent(txMatch[1] ?? '');
    const device = ctx.devices.get(id) ?? [...ctx.devices.values()].find((d) => d.orderId === id);
    if (device)
      return { status: 200, body: deviceBody(device, device.refund ? 'refund:add' : 'new_ppt', ctx.serviceId) };
    const o = ctx.lookup(id);
    if (!o) return problem(404, 'PAY-404', 'Transaction not found');
    return {
      status: 200,
      body: {
        id: o.id,
        orderId: o.orderId,
        reference: o.reference,
        type: 'POS',
        status: o.status,
        amount: o.amount,
        paymentMethod: { id: o.type === 'credit' ? 2351 : 1927, name: 'Pin', terminalCode: o.terminalCode },
      },
    };
  }
  return null;
}
