import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/provider-harness';
import { checkoutCounterPerTest, done, specProblems, startLink } from './checkout-harness';

/** Stop waiting, authorise-then-capture, and voids: what Kassa does when links cannot be revoked. */

const { setup } = checkoutCounterPerTest();
const AUTHORISE_ONLY = { env: { KASSA_CHECKOUT_CAPTURE: '0' } };

describe('withdrawing a Checkout.com link, capturing and voiding', () => {
  it('stop waiting marks our side only; a payment that still arrives is paid after cancel', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1610);
    const cancelled = await counter.call('payments.cancel', { paymentId: payment.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelRequested: true });
    // Nothing to revoke at Checkout.com: the link is still active there.
    expect(
      fake.seen.filter((r) => r.method === 'POST' && r.path !== '/payment-links' && r.path !== '/workflows'),
    ).toEqual([]);
    expect(fake.link(payment.reference)).toMatchObject({ received: false });
    fake.pay(payment.reference);
    const late = await counter.waitForPayment(payment.id, (p) => p.status === 'paid_after_cancel');
    expect(late.providerRef).toMatch(/^pay_/);
  });

  it('with capture off, an authorised link payment is captured as a committed step under its own key', async () => {
    const { fake, counter } = await setup(AUTHORISE_ONLY);
    const { payment } = await startLink(counter, 1620);
    expect(fake.seen.find((r) => r.path === '/payment-links')?.body).toMatchObject({ capture: false });
    fake.pay(payment.reference);
    const paid = await counter.waitForPayment(payment.id, done);
    expect(paid.status).toBe('approved');
    const captures = fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/captures'));
    expect(captures.length).toBeGreaterThanOrEqual(1);
    expect(captures[0]?.headers['cko-idempotency-key']).toMatch(/-capture$/);
    expect(captures[0]?.body).toMatchObject({ amount: 1620 });
    const events = await counter.call('payments.events', { paymentId: payment.id });
    expect(events.map((e) => e.event)).toContain('capture_sent');
    expect(fake.paymentFor(payment.reference)?.status).toBe('Captured');
    expect(specProblems(fake)).toEqual([]);
  });

  it('with capture off, a withdrawn link paid later is released (void), not taken', async () => {
    const { fake, counter } = await setup(AUTHORISE_ONLY);
    const { payment } = await startLink(counter, 1630);
    await counter.call('payments.cancel', { paymentId: payment.id });
    fake.pay(payment.reference);
    await until(() => fake.paymentFor(payment.reference)?.status === 'Voided', 8_000);
    const voids = fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/voids'));
    expect(voids).toHaveLength(1);
    expect(voids[0]?.headers['cko-idempotency-key']).toMatch(/-void$/);
    expect((await counter.call('payments.get', { paymentId: payment.id })).status).toBe('cancelled');
    expect(specProblems(fake)).toEqual([]);
  });

  it('a captured payment cannot be voided: too late, refund instead', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1640);
    fake.pay(payment.reference);
    await counter.waitForPayment(payment.id, done);
    const refused = await counter.refusal('payments.void', {
      requestId: randomUUID(),
      paymentId: payment.id,
      note: 'wrong customer',
    });
    expect(refused.code).toBe('void_too_late');
    expect(fake.seen.filter((r) => r.path.endsWith('/voids'))).toHaveLength(0);
  });
});
