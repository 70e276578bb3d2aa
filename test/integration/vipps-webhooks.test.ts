import { describe, expect, it } from 'vitest';
import { settled } from '../helpers/provider-harness';
import { QUIET_VIPPS, requestMobilePay as request, vippsCounterPerTest } from '../helpers/provider-tests';

/** MobilePay webhooks (twice, out of order, forged, absent), token expiry and a lost answer across a restart. */

const { cleanups, setup } = vippsCounterPerTest();

describe('MobilePay requests (ePayment against the wire-level fake)', () => {
  it('follows webhooks: delivered twice and out of order, each counts once and nothing moves backwards', async () => {
    const harness = await setup({ engine: QUIET_VIPPS, fake: { webhookMode: 'hold' } });
    const { payment } = await request(harness, 1700);
    harness.fake.approve(payment.reference);
    expect(harness.fake.held().map((w) => w.name)).toEqual(['CREATED', 'AUTHORIZED']);
    const statuses = await harness.fake.release({ reverse: true, twice: true });
    expect(statuses).toEqual([200, 200, 200, 200]);
    const paid = await harness.counter.waitForPayment(payment.id, settled);
    expect(paid.status).toBe('approved');
    expect(harness.fake.payment(payment.reference)?.captured).toBe(1700);
    expect((await harness.counter.call('sync.items', {})).filter((i) => i.kind === 'payment.approved')).toHaveLength(1);
  });

  it('refuses a webhook with a bad signature and changes nothing', async () => {
    const harness = await setup({ engine: QUIET_VIPPS, fake: { webhookMode: 'hold' } });
    const { payment } = await request(harness, 1800);
    harness.fake.reject(payment.reference);
    const rejected = harness.fake.held().find((w) => w.name === 'ABORTED');
    if (!rejected) throw new Error('no webhook');
    expect(await harness.fake.sendForged(rejected)).toBe(401);
    expect((await harness.counter.call('payments.get', { paymentId: payment.id })).status).toBe('pending');
  });

  it('works with polling alone when no webhook listener is reachable', async () => {
    const harness = await setup({ webhooks: false });
    expect(harness.fake.hooks()).toEqual([]);
    const { payment } = await request(harness, 1900);
    harness.fake.approve(payment.reference);
    expect((await harness.counter.waitForPayment(payment.id, settled)).status).toBe('approved');
  });

  it('gets a new access token when the old one runs out mid-payment', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    const { payment } = await request(harness, 2000);
    expect(harness.fake.tokensIssued()).toBe(1);
    harness.fake.expireTokens();
    harness.fake.approve(payment.reference);
    expect((await harness.counter.waitForPayment(payment.id, settled)).status).toBe('approved');
    expect(harness.fake.tokensIssued()).toBe(2);
  });

  it('after a lost answer and a restart, reads the payment back by reference: no second request to the customer', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    harness.fake.failNext(/POST \/epayment\/v1\/payments$/, 'drop_after');
    const { payment } = await request(harness, 2100);
    expect(['unknown', 'pending']).toContain(payment.status);
    await harness.counter.engine.close();
    harness.fake.approve(payment.reference);
    const again = await harness.restart({ dataDir: harness.counter.dataDir });
    cleanups.push(() => again.close());
    expect((await again.waitForPayment(payment.id, settled)).status).toBe('approved');
    expect(harness.fake.seen.filter((r) => r.method === 'POST' && r.path === '/epayment/v1/payments')).toHaveLength(1);
  });
});
