import { describe, expect, it } from 'vitest';
import { startCheckoutFake } from '../../fakes/checkout/checkout-fake';
import type { PaymentDto } from '../../shared/api/schemas';
import { killPaymentChildWhen } from '../helpers/payment-child';
import { closeAfterEach, PUBLIC_URL } from '../helpers/provider-harness';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';
import { checkoutEnv, done, startLink, TERMINAL } from './checkout-harness';

/** Crashes and lost answers around link creation, and catching up after downtime. */

const cleanups = closeAfterEach();

async function counterOn(dataDir: string, env: Record<string, string>, webhooks = true): Promise<TestEngine> {
  const counter = await startTestEngine({
    dataDir,
    env,
    autoSync: false,
    webhooks: webhooks ? { port: 0, publicUrl: PUBLIC_URL } : null,
    providerPollMs: { checkout: 25 },
  });
  cleanups.push(() => counter.close());
  return counter;
}

async function onlyPayment(counter: TestEngine): Promise<PaymentDto> {
  const [payment] = await counter.call('payments.today', {});
  if (!payment) throw new Error('the payment was not recorded');
  return payment;
}

/** A counter process SIGKILLed after Checkout.com created the link, before Kassa committed its id. */
async function crashAfterLinkCreated() {
  const fake = await startCheckoutFake({ webhookMode: 'off' });
  cleanups.push(fake.close);
  const env = checkoutEnv(fake);
  fake.failNext(/POST \/payment-links$/, 'slow');
  const dataDir = tempDir();
  await killPaymentChildWhen(cleanups, { dataDir, env, terminal: TERMINAL }, () => fake.links().length === 1);
  return { fake, env, dataDir };
}

describe('Checkout.com links across crashes and lost answers', () => {
  it('crash after the link was made: recovery finds the payment by our reference (GET /payments?reference=)', async () => {
    const { fake, env, dataDir } = await crashAfterLinkCreated();
    const [link] = fake.links();
    if (!link?.reference) throw new Error('no link');
    fake.pay(link.id);
    const counter = await counterOn(dataDir, env, false);
    const recovered = await onlyPayment(counter);
    expect(recovered.reference).toBe(link.reference);
    const paid = await counter.waitForPayment(recovered.id, done);
    expect(paid.status).toBe('approved');
    expect(paid.providerRef).toBe(fake.paymentFor(link.reference)?.id);
    expect(fake.seen.some((r) => r.path === '/payments' && r.method === 'GET')).toBe(true);
    // Never sent again: one link.
    expect(fake.links()).toHaveLength(1);
  });

  it('crash after the link was made and nobody paid: nobody can (its address was never shown), so it failed', async () => {
    const { fake, env, dataDir } = await crashAfterLinkCreated();
    const counter = await counterOn(dataDir, env, false);
    const recovered = await counter.waitForPayment((await onlyPayment(counter)).id, done);
    expect(recovered).toMatchObject({ status: 'failed', failureReason: 'link_not_shown', payLink: null });
    expect(fake.links()).toHaveLength(1);
  });

  it('a lost answer to the link request is looked up, never re-sent', async () => {
    const fake = await startCheckoutFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    fake.failNext(/POST \/payment-links$/, 'drop');
    const counter = await counterOn(tempDir(), checkoutEnv(fake), false);
    const { payment } = await startLink(counter, 1710);
    expect(payment.status).toBe('unknown');
    const settledAs = await counter.waitForPayment(payment.id, done);
    expect(settledAs).toMatchObject({ status: 'failed', failureReason: 'link_not_shown' });
    expect(fake.seen.filter((r) => r.method === 'POST' && r.path === '/payment-links')).toHaveLength(1);
  });

  it('after downtime (webhooks missed), the counter catches up from the payment itself', async () => {
    const fake = await startCheckoutFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const env = checkoutEnv(fake);
    const dataDir = tempDir();
    const first = await counterOn(dataDir, env, false);
    const { payment } = await startLink(first, 1720, 'remote');
    await first.close();
    fake.pay(payment.reference);
    const second = await counterOn(dataDir, env, false);
    const paid = await second.waitForPayment(payment.id, done);
    expect(paid).toMatchObject({ status: 'approved', payLink: { use: 'remote' } });
  });
});
