import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVippsWebhook, vippsAuthorization } from '../../electron/core/payments/vipps/vipps-webhook';
import { loadSpec } from '../helpers/openapi';
import { pdfText } from '../helpers/pdf-text';
import {
  closeAfterEach,
  customerWithInvoices,
  PUBLIC_URL,
  settled,
  startPayment,
  startVippsCounter,
  until,
} from '../helpers/provider-harness';

const epaymentSpec = loadSpec('vipps-epayment.v1.yml');
const tokenSpec = loadSpec('vipps-access-token-swagger.yaml');
const webhooksSpec = loadSpec('vipps-webhooks-swagger.yaml', { prefix: '/webhooks' });
const PHONE = '+358 40 123 4567';
const MSISDN = '358401234567';

const cleanups = closeAfterEach();

const setup = (options: Parameters<typeof startVippsCounter>[0] = {}) => startVippsCounter({ ...options, cleanups });

async function request(harness: Awaited<ReturnType<typeof setup>>, minor = 1250, invoiceCount = 1) {
  const { customerId, invoices } = await customerWithInvoices(harness.counter, invoiceCount);
  const payment = await startPayment(harness.counter, {
    customerId,
    invoiceIds: invoices.map((i) => i.id),
    minor,
    terminalId: 'mobilepay',
    phone: PHONE,
  });
  return { payment, customerId, invoices };
}

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
    const harness = await setup({
      engine: { providerPollMs: { vipps: 60_000, vippsFirst: 60_000 } },
      fake: { webhookMode: 'off' },
    });
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

  it('follows webhooks: delivered twice and out of order, each counts once and nothing moves backwards', async () => {
    const harness = await setup({
      engine: { providerPollMs: { vipps: 60_000, vippsFirst: 60_000 } },
      fake: { webhookMode: 'hold' },
    });
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
    const harness = await setup({
      engine: { providerPollMs: { vipps: 60_000, vippsFirst: 60_000 } },
      fake: { webhookMode: 'hold' },
    });
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
    const lost = await harness.counter.call('payments.refund', {
      requestId: crypto.randomUUID(),
      paymentId: payment.id,
      amount: { minor: 2400, currency: 'EUR' },
      kind: 'online',
      reason: 'Wrong plants',
    });
    expect(lost.status).toBe('approved');
    expect(lost.refunds[0]).toMatchObject({ status: 'unknown', retryable: true });
    // While unknown it counts against what may still be refunded.
    expect(lost.refundKinds).toEqual(['online']);
    const refusal = await harness.counter.refusal('payments.refund', {
      requestId: crypto.randomUUID(),
      paymentId: payment.id,
      amount: { minor: 1, currency: 'EUR' },
      kind: 'online',
      reason: 'More',
    });
    expect(refusal.code).toBe('refund_exceeds_paid');
    const done = await harness.counter.call('refunds.retry', { refundId: lost.refunds[0]?.id ?? '' });
    expect(done.status).toBe('refunded');
    const calls = harness.fake.seen.filter((r) => r.path.endsWith('/refund'));
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers['idempotency-key']).toBe(calls[1]?.headers['idempotency-key']);
    expect(harness.fake.payment(payment.reference)?.refunded).toBe(2400);
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

describe('Vipps webhook signatures', () => {
  const vectors = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/provider-specs/examples/signature_test_vectors.json'), 'utf8'),
  ) as Record<string, { secret: string; url: string; x_ms_date: string; body: string; expected_authorization: string }>;

  for (const name of ['vipps_official', 'vipps_computed']) {
    it(`matches the ${name} test vector, and refuses a changed body`, () => {
      const v = vectors[name];
      if (!v) throw new Error('missing vector');
      const hash = createHash('sha256').update(v.body).digest('base64');
      expect(vippsAuthorization({ url: v.url, secret: v.secret }, v.x_ms_date, hash)).toBe(v.expected_authorization);
      const call = (body: string) => ({
        method: 'POST',
        url: '/vipps/webhook',
        headers: { 'x-ms-date': v.x_ms_date, 'x-ms-content-sha256': hash, authorization: v.expected_authorization },
        rawBody: Buffer.from(body),
      });
      const at = new Date(Date.parse(v.x_ms_date) + 1000);
      const checked = verifyVippsWebhook(call(v.body), { url: v.url, secret: v.secret }, at);
      // The official vector's body is not an ePayment event: signed correctly, then not understood.
      expect(checked.ok || (!checked.ok && checked.reason === 'unknown_format')).toBe(true);
      expect(verifyVippsWebhook(call(`${v.body} `), { url: v.url, secret: v.secret }, at)).toEqual({
        ok: false,
        reason: 'content_hash_mismatch',
      });
      expect(
        verifyVippsWebhook(call(v.body), { url: v.url, secret: v.secret }, new Date(at.getTime() + 3_600_000)),
      ).toEqual({
        ok: false,
        reason: 'stale',
      });
    });
  }

  it('waits for the poll when the webhook answer is lost', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    const { payment } = await request(harness, 2300);
    harness.fake.approve(payment.reference);
    await until(
      async () => (await harness.counter.call('payments.get', { paymentId: payment.id })).status === 'approved',
    );
  });
});
