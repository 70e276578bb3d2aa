import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ckoSignature } from '../../electron/core/payments/checkout/checkout-webhook';
import { CHECKOUT_WORKFLOW_EVENTS } from '../../electron/core/payments/checkout/checkout-workflow';
import { PUBLIC_URL, until } from '../helpers/provider-harness';
import { checkoutCounterPerTest, done, spec2021, specProblems, startLink } from './checkout-harness';

/** Webhooks: the workflow Kassa registers, signatures, and deliveries before, after, twice or out of order. */

const { setup } = checkoutCounterPerTest();
/** The poll stays out of the way: only webhooks (or a test's own check) move the payment. */
const QUIET = { engine: { providerPollMs: { checkout: 60_000 } } };
const SPECS = join(import.meta.dirname, '../fixtures/provider-specs');

describe('Checkout.com webhooks', () => {
  it('computes Cko-Signature exactly as the reference vectors, over the raw bytes', () => {
    const vectors = JSON.parse(readFileSync(join(SPECS, 'checkout-signature-vectors.json'), 'utf8'));
    for (const name of ['checkout_computed', 'checkout_computed_short']) {
      const vector = vectors[name];
      expect(ckoSignature(vector.signature_key, vector.body)).toBe(vector.expected_cko_signature);
    }
    const example = readFileSync(join(SPECS, 'checkout-webhook-payment-captured.example.json'));
    expect(ckoSignature('cko-wf-signature-key-for-tests', example)).toBe(
      vectors.checkout_computed.expected_cko_signature,
    );
  });

  it('registers one workflow at start for the gateway events it needs, and finds it again after a restart', async () => {
    const { fake, counter, restart } = await setup();
    const [workflow] = fake.workflows();
    expect(workflow?.url).toBe(`${PUBLIC_URL}/checkout/webhook`);
    expect(workflow?.events).toEqual([...CHECKOUT_WORKFLOW_EVENTS]);
    expect(workflow?.key.length).toBeGreaterThanOrEqual(32);
    const register = fake.seen.find((r) => r.method === 'POST' && r.path === '/workflows');
    expect(register && spec2021.checkRequest(register)).toEqual([]);
    await counter.close();
    await restart({ dataDir: counter.dataDir });
    expect(fake.workflows()).toHaveLength(1);
    expect(fake.seen.filter((r) => r.method === 'GET' && r.path === '/workflows')).toHaveLength(2);
  });

  it('a webhook before the poll: the payment is re-read and approved at once', async () => {
    const { fake, counter } = await setup(QUIET);
    const { payment } = await startLink(counter, 1510);
    fake.pay(payment.reference);
    await fake.webhooksIdle();
    const paid = await counter.call('payments.get', { paymentId: payment.id });
    expect(paid.status).toBe('approved');
    expect(fake.delivered().every((d) => d.status === 200)).toBe(true);
    // Never on the webhook's word alone: the payment was read back.
    expect(fake.seen.some((r) => r.method === 'GET' && r.path.startsWith('/payments/pay_'))).toBe(true);
    expect(specProblems(fake)).toEqual([]);
  });

  it('a webhook after the poll changes nothing', async () => {
    const { fake, counter } = await setup({ fake: { webhookMode: 'hold' } });
    const { payment } = await startLink(counter, 1520);
    fake.pay(payment.reference);
    await counter.waitForPayment(payment.id, done);
    expect(await fake.release()).toEqual([200, 200]);
    const after = await counter.call('payments.get', { paymentId: payment.id });
    expect(after.status).toBe('approved');
    const events = await counter.call('payments.events', { paymentId: payment.id });
    expect(events.filter((e) => e.event === 'approved' && e.outcome === 'moved')).toHaveLength(1);
  });

  it('duplicates and reversed order are harmless: one approval, each event processed once', async () => {
    const { fake, counter } = await setup({ ...QUIET, fake: { webhookMode: 'hold' } });
    const { payment } = await startLink(counter, 1530);
    fake.pay(payment.reference);
    expect(fake.held().map((h) => h.type)).toEqual(['payment_approved', 'payment_captured']);
    expect(await fake.release({ reverse: true, twice: true })).toEqual([200, 200, 200, 200]);
    const after = await counter.call('payments.get', { paymentId: payment.id });
    expect(after.status).toBe('approved');
    const events = await counter.call('payments.events', { paymentId: payment.id });
    expect(events.filter((e) => e.event === 'webhook')).toHaveLength(2);
    expect(events.filter((e) => e.event === 'approved' && e.outcome === 'moved')).toHaveLength(1);
  });

  it('refuses a forged signature and a wrong Authorization header, and acts on neither', async () => {
    const { fake, counter } = await setup({ ...QUIET, fake: { webhookMode: 'hold' } });
    const { payment } = await startLink(counter, 1540);
    fake.pay(payment.reference);
    const [approved] = fake.held();
    if (!approved) throw new Error('no webhook held');
    expect(await fake.sendForged(approved, 'signature')).toBe(401);
    expect(await fake.sendForged(approved, 'authorization')).toBe(401);
    const still = await counter.call('payments.get', { paymentId: payment.id });
    expect(still.status).toBe('pending');
    await fake.release();
    await until(async () => (await counter.call('payments.get', { paymentId: payment.id })).status === 'approved');
  });
});
