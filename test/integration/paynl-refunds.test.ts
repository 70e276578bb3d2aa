import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { onlineRefund, paidAtPayNl, payNlCounterPerTest } from '../helpers/provider-tests';

/** Pay. refunds: online, on the terminal, and one whose answer was lost. */

const connectSpec = loadSpec('paynl_connect_order_api_v1.openapi.json');
const TERMINAL = 'TH-1000-0001';

const { setup } = payNlCounterPerTest();

describe('Pay. refunds', () => {
  it('never resends a Pay. refund whose answer was lost: a manager records what the portal shows', async () => {
    const harness = await setup({ exchangeMode: 'off' });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 900, TERMINAL);
    fake.failNext(/\/refund$/, 'drop_after');
    const lost = await counter.call('payments.refund', onlineRefund(started.id, 900, 'Returned'));
    const refundId = lost.refunds[0]?.id ?? '';
    expect(lost.refunds[0]).toMatchObject({ status: 'unknown', retryable: false });
    expect((await counter.refusal('refunds.retry', { refundId })).code).toBe('cannot_retry_refund');
    const decided = await counter.call('refunds.decide', {
      refundId,
      outcome: 'succeeded',
      note: 'Pay. portal shows refund',
    });
    expect(decided.status).toBe('refunded');
    expect(fake.seen.filter((r) => r.path.endsWith('/refund'))).toHaveLength(1);
    expect((await counter.call('sync.items', {})).map((i) => i.kind)).toContain('payment.refunded');
  });

  it('refunds part online, then the rest on the terminal once the customer presents the card', async () => {
    const harness = await setup({ exchangeMode: 'off' });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 1000, TERMINAL);

    const partial = await counter.call('payments.refund', onlineRefund(started.id, 400, 'Damaged roses'));
    expect(partial.status).toBe('partially_refunded');
    expect(partial.refundedMinor).toBe(400);
    expect((await counter.refusal('payments.refund', onlineRefund(started.id, 601, 'Too much'))).code).toBe(
      'refund_exceeds_paid',
    );

    const onTerminal = await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: started.id,
      amount: { minor: 600, currency: 'EUR' },
      kind: 'terminal',
      terminalId: TERMINAL,
      reason: 'Rest back to card',
    });
    expect(onTerminal.refunds.at(-1)?.status).toBe('pending');
    const credit = fake.orders().find((o) => o.type === 'credit');
    if (!credit) throw new Error('no credit order');
    const create = fake.seen.filter((r) => r.method === 'POST' && r.path === '/v1/orders').at(-1);
    expect(create?.body).toMatchObject({
      paymentMethod: { id: 2351, input: { terminalCode: TERMINAL } },
      amount: { value: 600 },
    });
    if (!create) throw new Error('no credit order request');
    expect(connectSpec.checkRequest(create)).toEqual([]);
    fake.pay(credit.id);
    const done = await counter.waitForPayment(started.id, (p) => p.status === 'refunded');
    expect(done.refunds.map((r) => [r.kind, r.amount.minor, r.status])).toEqual([
      ['online', 400, 'succeeded'],
      ['terminal', 600, 'succeeded'],
    ]);
    const kinds = (await counter.call('sync.items', {})).map((i) => i.kind);
    expect(kinds.filter((k) => k === 'payment.refunded')).toHaveLength(2);
  });
});
