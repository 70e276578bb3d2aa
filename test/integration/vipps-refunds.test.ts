import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { settled } from '../helpers/provider-harness';
import { onlineRefund, requestMobilePay as request, vippsCounterPerTest } from '../helpers/provider-tests';

/** MobilePay refunds: in parts, each under its own key, and one whose answer was lost sent again under the same key. */

const epaymentSpec = loadSpec('vipps-epayment.v1.yml');

const { setup } = vippsCounterPerTest();

describe('MobilePay requests (ePayment against the wire-level fake)', () => {
  it('refunds part and then the rest, each with its own Idempotency-Key', async () => {
    const harness = await setup();
    const { payment } = await request(harness, 2200);
    harness.fake.approve(payment.reference);
    await harness.counter.waitForPayment(payment.id, settled);
    const refund = (minor: number) =>
      harness.counter.call('payments.refund', {
        requestId: crypto.randomUUID(),
        paymentId: payment.id,
        amount: { minor, currency: 'EUR' },
        kind: 'online',
        reason: 'Wilted tulips',
      });
    expect((await refund(700)).status).toBe('partially_refunded');
    expect((await refund(1500)).status).toBe('refunded');
    const calls = harness.fake.seen.filter((r) => r.path.endsWith('/refund'));
    expect(new Set(calls.map((c) => c.headers['idempotency-key'])).size).toBe(2);
    for (const call of calls) expect(epaymentSpec.checkRequest(call)).toEqual([]);
    expect(harness.fake.payment(payment.reference)?.refunded).toBe(2200);
  });

  it('sends a refund whose answer was lost again under the same key: the customer is refunded once', async () => {
    const harness = await setup();
    const { payment } = await request(harness, 2400);
    harness.fake.approve(payment.reference);
    await harness.counter.waitForPayment(payment.id, settled);
    harness.fake.failNext(/\/refund$/, 'drop_after');
    const lost = await harness.counter.call('payments.refund', onlineRefund(payment.id, 2400, 'Wrong plants'));
    expect(lost.status).toBe('approved');
    expect(lost.refunds[0]).toMatchObject({ status: 'unknown', retryable: true });
    // While unknown it counts against what may still be refunded.
    expect(lost.refundKinds).toEqual(['online']);
    const refusal = await harness.counter.refusal('payments.refund', onlineRefund(payment.id, 1, 'More'));
    expect(refusal.code).toBe('refund_exceeds_paid');
    const done = await harness.counter.call('refunds.retry', { refundId: lost.refunds[0]?.id ?? '' });
    expect(done.status).toBe('refunded');
    const calls = harness.fake.seen.filter((r) => r.path.endsWith('/refund'));
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers['idempotency-key']).toBe(calls[1]?.headers['idempotency-key']);
    expect(harness.fake.payment(payment.reference)?.refunded).toBe(2400);
  });
});
