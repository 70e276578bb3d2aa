import { describe, expect, it } from 'vitest';
import { createCheckoutClient } from '../../electron/core/payments/checkout/checkout-client';
import { checkoutFromEnvironment } from '../../electron/core/payments/checkout/checkout-config';
import { createCheckoutProvider } from '../../electron/core/payments/checkout/checkout-provider';
import { startCheckoutFake } from '../../fakes/checkout/checkout-fake';
import { pdfText } from '../helpers/pdf-text';
import { checkoutCounterPerTest, checkoutEnv, done, specProblems, startLink, TERMINAL } from './checkout-harness';

/** Checkout.com payment links at the counter and from a distance: outcomes as the customer chooses them. */

const { setup, cleanups } = checkoutCounterPerTest();

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
    // The customer as the books know them: name, e-mail when known, the page in their language.
    expect(create?.body).toMatchObject({ customer: { name: payment.customerName } });
    expect(create?.headers['cko-idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(create?.headers.authorization).toBe(`Bearer ${fake.credentials.secretKey}`);

    fake.pay(payment.reference);
    const paid = await counter.waitForPayment(payment.id, done);
    expect(paid).toMatchObject({ status: 'approved', cardBrand: 'Visa', cardLast4: '4242' });
    expect(paid.providerRef).toMatch(/^pay_/);
    expect(paid.payLink?.url).toBe(payment.payLink?.url);
    const receipt = pdfText((await counter.call('receipts.pdf', { paymentId: payment.id, locale: 'en' })).base64);
    expect(receipt).toContain('Payment link');
    expect(receipt).toContain(payment.reference);
    expect(receipt).toContain('4242');
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

  it('another card that succeeds on a declined link is paid after cancel, for a manager to decide', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1405);
    fake.pay(payment.reference);
    expect((await counter.waitForPayment(payment.id, done)).status).toBe('declined');
    fake.pay(payment.reference, 'approved');
    const late = await counter.waitForPayment(payment.id, (p) => p.status === 'paid_after_cancel');
    expect(late.providerRef).toBe(fake.link(payment.reference).paymentId);
  });

  it('sends the customer’s name, e-mail and language (as a Checkout.com locale) with the link', async () => {
    const fake = await startCheckoutFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const config = () => checkoutFromEnvironment(checkoutEnv(fake), null);
    const provider = createCheckoutProvider({ client: createCheckoutClient({ config }), config });
    const started = await provider.start({
      reference: 'KSC1TEST00000001',
      idempotencyKey: '5f3c2f4e-8a43-4a43-9f0c-1b2f9c5d6e01',
      amount: { minor: 4200, currency: 'EUR' },
      terminalId: TERMINAL,
      description: 'Invoices 2026001, 2026002',
      phone: null,
      linkUse: 'remote',
      customer: {
        id: 'c1',
        name: 'Gärtnerei Huber',
        email: 'einkauf@huber.example',
        language: 'de',
        providerCustomerIds: {},
      },
    });
    expect(started.providerRef).toMatch(/^pl_/);
    expect(fake.seen.at(-1)?.body).toMatchObject({
      customer: { name: 'Gärtnerei Huber', email: 'einkauf@huber.example' },
      locale: 'de-DE',
      expires_in: 604_800,
      description: 'Invoices 2026001, 2026002',
      metadata: { kassa_reference: 'KSC1TEST00000001' },
    });
    expect(started.payLink?.url).toBe(`${fake.url}/link/${started.providerRef}`);
    expect(specProblems(fake)).toEqual([]);
  });

  it('a link nobody paid runs out: expired', async () => {
    const { fake, counter } = await setup();
    const { payment } = await startLink(counter, 1406);
    fake.expire(payment.reference);
    expect((await counter.waitForPayment(payment.id, done)).status).toBe('expired');
  });
});
