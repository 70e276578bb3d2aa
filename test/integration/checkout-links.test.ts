import { describe, expect, it } from 'vitest';
import { checkoutCounterPerTest, done, specProblems, startLink, TERMINAL } from './checkout-harness';

/** Checkout.com payment links at the counter and from a distance: outcomes as the customer chooses them. */

const { setup } = checkoutCounterPerTest();

describe('Checkout.com payment links (against the wire-level fake)', () => {
  it('creates a short counter link for the invoices, shows it, and marks the invoice paid when the customer pays', async () => {
    const { fake, counter } = await setup();
    const terminals = await counter.call('terminals.list', {});
    expect(terminals.find((t) => t.id === TERMINAL)).toMatchObject({ kind: 'pay_link', name: 'Checkout.com link' });

    const { payment, invoice } = await startLink(counter, 1250);
    expect(payment).toMatchObject({ status: 'pending', phase: 'waiting_customer', method: 'payment_link' });
    const link = fake.link(payment.reference);
    expect(payment.payLink).toEqual({
      url: `${fake.url}/link/${link.id}`,
      expiresAt: new Date(link.expiresAt).toISOString(),
      use: 'counter',
    });
    const create = fake.seen.find((r) => r.method === 'POST' && r.path === '/payment-links');
    expect(create?.body).toMatchObject({
      amount: 1250,
      currency: 'EUR',
      reference: payment.reference,
      description: `Invoice ${invoice?.number}`,
      billing: { address: { country: 'NL' } },
      expires_in: 900,
      processing_channel_id: 'pc_kassatestchannelkassatest0',
      capture: true,
    });
    expect(create?.headers['cko-idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(create?.headers.authorization).toBe(`Bearer ${fake.credentials.secretKey}`);

    fake.pay(payment.reference);
    const paid = await counter.waitForPayment(payment.id, done);
    expect(paid).toMatchObject({ status: 'approved', cardBrand: 'Visa', cardLast4: '4242' });
    expect(paid.providerRef).toMatch(/^pay_/);
    expect(paid.payLink?.url).toBe(payment.payLink?.url);
    expect(specProblems(fake)).toEqual([]);
  });

  it('sends a week-long link for paying later, and several links may wait at once', async () => {
    const { fake, counter } = await setup();
    const first = await startLink(counter, 2000, 'remote');
    const second = await startLink(counter, 2100, 'remote');
    expect(first.payment.payLink?.use).toBe('remote');
    const sent = fake.seen.filter((r) => r.method === 'POST' && r.path === '/payment-links');
    expect(sent.map((r) => (r.body as { expires_in: number }).expires_in)).toEqual([604_800, 604_800]);
    expect(second.payment.status).toBe('pending');
    fake.pay(second.payment.reference);
    expect((await counter.waitForPayment(second.payment.id, done)).status).toBe('approved');
  });

  it('a declined card (amount ending in 05) shows as declined', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1305);
    fake.pay(payment.reference);
    const declined = await counter.waitForPayment(payment.id, done);
    expect(declined).toMatchObject({ status: 'declined', failureReason: 'declined_20005' });
  });

  it('a link nobody paid runs out: expired', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1406);
    fake.expire(payment.reference);
    expect((await counter.waitForPayment(payment.id, done)).status).toBe('expired');
  });
});
