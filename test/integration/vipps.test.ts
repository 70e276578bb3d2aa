import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { pdfText } from '../helpers/pdf-text';
import { customerWithInvoices, PUBLIC_URL, settled, startPayment } from '../helpers/provider-harness';
import {
  VIPPS_MSISDN as MSISDN,
  VIPPS_PHONE as PHONE,
  QUIET_VIPPS,
  requestMobilePay as request,
  vippsCounterPerTest,
} from '../helpers/provider-tests';

/** MobilePay requests from push to capture: outcomes, cancel, a released reservation, splits, phone rules. */

const epaymentSpec = loadSpec('vipps-epayment.v1.yml');
const tokenSpec = loadSpec('vipps-access-token-swagger.yaml');
const webhooksSpec = loadSpec('vipps-webhooks-swagger.yaml', { prefix: '/webhooks' });

const { setup } = vippsCounterPerTest();

describe('MobilePay requests (ePayment against the wire-level fake)', () => {
  it('pushes a request to the phone, and on approval captures it and marks the invoice paid', async () => {
    const harness = await setup();
    const { fake, counter } = harness;
    const terminals = await counter.call('terminals.list', {});
    expect(terminals.find((t) => t.id === 'mobilepay')).toMatchObject({ kind: 'mobilepay', online: true });

    const { payment, customerId, invoices } = await request(harness, 1250);
    expect(payment).toMatchObject({
      status: 'pending',
      phase: 'waiting_customer',
      method: 'mobile_request',
      phone: MSISDN,
    });
    const create = fake.seen.find((r) => r.method === 'POST' && r.path === '/epayment/v1/payments');
    if (!create) throw new Error('no create request');
    expect(epaymentSpec.checkRequest(create)).toEqual([]);
    expect(create.body).toMatchObject({
      amount: { currency: 'EUR', value: 1250 },
      customer: { phoneNumber: MSISDN },
      customerInteraction: 'CUSTOMER_PRESENT',
      userFlow: 'PUSH_MESSAGE',
      paymentMethod: { type: 'WALLET' },
      reference: payment.reference,
    });
    expect(payment.reference).toMatch(/^[a-zA-Z0-9-]{8,50}$/);
    expect(create.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(create.headers['vipps-system-name']).toBe('kassa');
    const token = fake.seen.find((r) => r.path === '/accesstoken/get');
    if (!token) throw new Error('no token request');
    expect(tokenSpec.checkRequest(token)).toEqual([]);

    fake.approve(payment.reference);
    const paid = await counter.waitForPayment(payment.id, settled);
    expect(paid.status).toBe('approved');
    expect(fake.payment(payment.reference)).toMatchObject({ captured: 1250 });
    const capture = fake.seen.find((r) => r.path.endsWith('/capture'));
    expect(capture && epaymentSpec.checkRequest(capture)).toEqual([]);
    const receipt = pdfText((await counter.call('receipts.pdf', { paymentId: payment.id, locale: 'en' })).base64);
    expect(receipt).toContain('MobilePay request');
    expect(receipt).toContain(payment.reference);
    // The customer's number is masked on paper.
    expect(receipt).toContain('4567');
    expect(receipt).not.toContain(MSISDN);
    const open = await counter.call('invoices.open', { customerId });
    expect(open.find((i) => i.id === invoices[0]?.id)?.outstandingMinor ?? 0).toBe(
      Math.max(0, (invoices[0]?.outstandingMinor ?? 0) - 1250),
    );
  });

  it('registers its webhook once through the Webhooks API, for every ePayment event', async () => {
    const { fake } = await setup();
    const [hook] = fake.hooks();
    expect(hook?.url).toBe(`${PUBLIC_URL}/vipps/webhook`);
    expect(hook?.events).toContain('epayments.payment.authorized.v1');
    const register = fake.seen.find((r) => r.method === 'POST' && r.path === '/webhooks/v1/webhooks');
    expect(register && webhooksSpec.checkRequest(register)).toEqual([]);
  });

  it('shows a rejection by the customer, and an expiry, plainly', async () => {
    const harness = await setup();
    const { payment } = await request(harness, 1300);
    harness.fake.reject(payment.reference);
    const rejected = await harness.counter.waitForPayment(payment.id, settled);
    expect(rejected).toMatchObject({ status: 'declined', failureReason: 'customer_rejected' });
    const second = await request(harness, 1400);
    harness.fake.expire(second.payment.reference);
    expect((await harness.counter.waitForPayment(second.payment.id, settled)).status).toBe('expired');
  });

  it('fails at approval on the test environment’s failing amounts', async () => {
    const harness = await setup();
    const { payment } = await request(harness, 151);
    harness.fake.approve(payment.reference);
    expect((await harness.counter.waitForPayment(payment.id, settled)).status).toBe('declined');
  });

  it('cancels a request before the customer approves it', async () => {
    const harness = await setup();
    const { payment } = await request(harness, 1500);
    await harness.counter.call('payments.cancel', { paymentId: payment.id });
    expect((await harness.counter.waitForPayment(payment.id, settled)).status).toBe('cancelled');
    expect(harness.fake.payment(payment.reference)?.state).toBe('TERMINATED');
    const cancel = harness.fake.seen.find((r) => r.path.endsWith('/cancel'));
    expect(cancel?.body).toEqual({ cancelTransactionOnly: true });
    expect(cancel && epaymentSpec.checkRequest(cancel)).toEqual([]);
  });

  it('once the customer approved, a cancel is refused and the payment completes normally', async () => {
    const harness = await setup({ engine: QUIET_VIPPS, fake: { webhookMode: 'off' } });
    const { payment } = await request(harness, 1600);
    harness.fake.approve(payment.reference);
    const after = await harness.counter.call('payments.cancel', { paymentId: payment.id });
    expect(after.status).toBe('approved');
    expect(after.cancelRequested).toBe(false);
    expect(harness.fake.payment(payment.reference)).toMatchObject({
      state: 'AUTHORIZED',
      captured: 1600,
      cancelled: 0,
    });
  });

  it('never counts a payment as paid when the reservation was released before Kassa captured it', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    const { payment } = await request(harness, 1650);
    harness.fake.approve(payment.reference);
    harness.fake.releaseReservation(payment.reference);
    const after = await harness.counter.waitForPayment(payment.id, (p) => p.status !== 'pending');
    expect(after).toMatchObject({ status: 'unknown', failureReason: 'reservation_cancelled' });
    expect(harness.fake.payment(payment.reference)?.captured).toBe(0);
  });

  it('splits one request over three invoices with the same allocation as card payments', async () => {
    const harness = await setup();
    const { customerId, invoices } = await customerWithInvoices(harness.counter, 3);
    const total = invoices.reduce((sum, i) => sum + i.outstandingMinor, 0);
    const payment = await startPayment(harness.counter, {
      customerId,
      invoiceIds: invoices.map((i) => i.id),
      minor: total,
      terminalId: 'mobilepay',
      phone: PHONE,
    });
    harness.fake.approve(payment.reference);
    const paid = await harness.counter.waitForPayment(payment.id, settled);
    expect(paid.allocations).toHaveLength(3);
    expect(paid.allocations.every((a) => a.remainingMinor === 0)).toBe(true);
    const open = await harness.counter.call('invoices.open', { customerId });
    expect(open.filter((i) => invoices.some((s) => s.id === i.id))).toEqual([]);
  });

  it('refuses a missing or foreign phone number with a clear reason', async () => {
    const harness = await setup();
    const { customerId, invoices } = await customerWithInvoices(harness.counter, 1);
    const base = {
      requestId: crypto.randomUUID(),
      customerId,
      invoiceIds: [invoices[0]?.id ?? ''],
      amount: { minor: 500, currency: 'EUR' },
      terminalId: 'mobilepay',
    };
    expect((await harness.counter.refusal('payments.start', base)).code).toBe('phone_required');
    expect((await harness.counter.refusal('payments.start', { ...base, phone: '+31 6 12345678' })).code).toBe(
      'phone_country',
    );
    expect((await harness.counter.refusal('payments.start', { ...base, phone: '+45 1234' })).code).toBe(
      'phone_invalid',
    );
    expect(harness.fake.payments()).toEqual([]);
  });
});
