import { describe, expect, it } from 'vitest';
import { startCheckoutFake } from '../../fakes/checkout/checkout-fake';
import { closeAfterEach } from '../helpers/provider-harness';
import { startTestEngine } from '../helpers/test-engine';
import { checkoutEnv, done, linksSpec, startLink } from './checkout-harness';

/** The fake keeps Checkout.com's rules (so the tests above mean something), and Kassa reads its failures right. */

const cleanups = closeAfterEach();

async function fakeWithPayment() {
  const fake = await startCheckoutFake({ webhookMode: 'off' });
  cleanups.push(fake.close);
  const auth = { authorization: `Bearer ${fake.credentials.secretKey}`, 'content-type': 'application/json' };
  const created = await fetch(`${fake.url}/payment-links`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ amount: 2000, currency: 'EUR', billing: { address: { country: 'NL' } }, reference: 'KSR1' }),
  });
  const link = (await created.json()) as { id: string };
  const payment = fake.pay(link.id);
  if (!payment) throw new Error('not paid');
  return { fake, auth, payment };
}

describe('the Checkout.com fake', () => {
  it('answers 429 to a concurrent request under the same key, then replays the first answer', async () => {
    const { fake, auth, payment } = await fakeWithPayment();
    const refund = (key: string) =>
      fetch(`${fake.url}/payments/${payment.id}/refunds`, {
        method: 'POST',
        headers: { ...auth, 'cko-idempotency-key': key },
        body: JSON.stringify({ amount: 500 }),
      });
    fake.failNext(/\/refunds$/, 'slow', 300);
    const first = refund('key-1');
    await new Promise((r) => setTimeout(r, 50));
    expect((await refund('key-1')).status).toBe(429);
    const answer = await first;
    expect(answer.status).toBe(202);
    const again = await refund('key-1');
    expect(await again.json()).toEqual(await answer.json());
    expect(fake.payment(payment.id)?.refundPending ?? 0).toBeLessThanOrEqual(500);
    expect((await refund('key-2')).status).toBe(202);
  });

  it('refuses what the API refuses: no credentials, a link without billing country, a refund over the balance', async () => {
    const { fake, auth, payment } = await fakeWithPayment();
    expect((await fetch(`${fake.url}/payments/${payment.id}`)).status).toBe(401);
    const invalid = await fetch(`${fake.url}/payment-links`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ amount: 100, currency: 'EUR', billing: {} }),
    });
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(linksSpec.checkResponse('POST', '/payment-links', 422, body)).toEqual([]);
    const over = await fetch(`${fake.url}/payments/${payment.id}/refunds`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ amount: 2001 }),
    });
    expect(over.status).toBe(422);
  });

  it('a 502 from a proxy on the link request: Kassa does not know, looks it up, and never sends it again', async () => {
    const fake = await startCheckoutFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    fake.failNext(/POST \/payment-links$/, 'error');
    const counter = await startTestEngine({
      env: checkoutEnv(fake),
      autoSync: false,
      providerPollMs: { checkout: 25 },
    });
    cleanups.push(() => counter.close());
    const { payment } = await startLink(counter, 1810);
    expect(payment.status).toBe('unknown');
    expect(await counter.waitForPayment(payment.id, done)).toMatchObject({ status: 'failed' });
    expect(fake.seen.filter((r) => r.path === '/payment-links')).toHaveLength(1);
  });
});
