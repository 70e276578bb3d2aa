import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vippsFailureKind } from '../../electron/core/payments/vipps/vipps-client';
import { startVippsFake, type VippsFault } from '../../fakes/vipps/vipps-fake';
import { attemptReference } from '../../shared/payment/reference';
import { loadSpec } from '../helpers/openapi';
import { payOneInvoice, settled } from '../helpers/provider-harness';
import { QUIET_VIPPS as QUIET, vippsCounterPerTest } from '../helpers/provider-tests';

const epaymentSpec = loadSpec('vipps-epayment.v1.yml');
const PHONE = '+358 40 123 4567';
const { cleanups, setup } = vippsCounterPerTest();

describe('The Vipps fake keeps Vipps’ reference rule (^[a-zA-Z0-9-]{8,50}$)', () => {
  async function fakeWithToken() {
    const fake = await startVippsFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const headers = {
      'ocp-apim-subscription-key': fake.credentials.subscriptionKey,
      'merchant-serial-number': fake.credentials.msn,
    };
    const token = await fetch(`${fake.url}/accesstoken/get`, {
      method: 'POST',
      headers: { ...headers, client_id: fake.credentials.clientId, client_secret: fake.credentials.clientSecret },
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const answer = await fetch(`${fake.url}${path}`, {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${token.access_token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.json() };
    };
    return { fake, call };
  }

  const create = (reference: unknown) => ({
    amount: { currency: 'NOK', value: 1500 },
    paymentMethod: { type: 'WALLET' },
    customer: { phoneNumber: '4791234567' },
    customerInteraction: 'CUSTOMER_PRESENT',
    userFlow: 'PUSH_MESSAGE',
    reference,
    paymentDescription: 'Invoice 1',
  });

  it('refuses every other reference with Vipps’ problem document (400), on create and in the path', async () => {
    const { fake, call } = await fakeWithToken();
    const broken = ['KSC1P12', 'a'.repeat(51), 'KSC1_P20261201', 'KSC1.P20261201', 'KSC1 P20261201', 'KSC1P2026ÆØ', 42];
    for (const reference of broken) {
      const answer = await call('POST', '/epayment/v1/payments', create(reference));
      expect(answer.status, String(reference)).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ title: 'Invalid reference', status: 400 });
      expect(answer.body.extraDetails).toEqual([{ name: 'reference', reason: expect.stringContaining('8,50') }]);
      expect(epaymentSpec.checkResponse('POST', '/epayment/v1/payments', 400, answer.body)).toEqual([]);
    }
    for (const action of ['', '/cancel', '/capture', '/refund']) {
      const path = `/epayment/v1/payments/KSC1_P20261201${action}`;
      const answer = await call(action ? 'POST' : 'GET', path, action ? {} : undefined);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toMatchObject({ title: 'Invalid reference' });
    }
    expect(fake.payments()).toEqual([]);
  });

  it('accepts the references Kassa makes, at both ends of the length rule', async () => {
    const { fake, call } = await fakeWithToken();
    const kassa = [attemptReference('C1', 'P-20261201114800-ABC123'), attemptReference('KASSA012', 'P-1')];
    for (const reference of [...kassa, 'abcd-123', 'A1-'.repeat(17).slice(0, 50)]) {
      expect((await call('POST', '/epayment/v1/payments', create(reference))).status, reference).toBe(201);
    }
    expect(fake.payments()).toHaveLength(4);
  });
});

describe('A start answered by a proxy or not at all is "outcome unknown", settled by reading back', () => {
  const actedOn: VippsFault[] = ['proxy_503_after', 'proxy_504_after', 'html_400_after', 'drop_after'];
  for (const fault of actedOn) {
    it(`${fault}: Vipps has the request, so the customer can still approve it, and it is paid once`, async () => {
      const harness = await setup({ fake: { webhookMode: 'off' } });
      harness.fake.failNext(/POST \/epayment\/v1\/payments$/, fault);
      const { started } = await payOneInvoice(harness.counter, 2800, 'mobilepay', PHONE);
      expect(started.status).toBe('unknown');
      const pending = await harness.counter.waitForPayment(started.id, (p) => p.status === 'pending');
      expect(pending.phase).toBe('waiting_customer');
      harness.fake.approve(started.reference);
      expect((await harness.counter.waitForPayment(started.id, settled)).status).toBe('approved');
      const creates = harness.fake.seen.filter((r) => r.method === 'POST' && r.path === '/epayment/v1/payments');
      expect(creates).toHaveLength(1);
      expect(harness.fake.payment(started.reference)?.captured).toBe(2800);
    });
  }

  it('a 503 that never reached Vipps: unknown, then closed because Vipps has no such payment', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    harness.fake.failNext(/POST \/epayment\/v1\/payments$/, 'proxy_503');
    const { started } = await payOneInvoice(harness.counter, 2900, 'mobilepay', PHONE);
    expect(started.status).toBe('unknown');
    const closed = await harness.counter.waitForPayment(started.id, settled);
    expect(closed).toMatchObject({ status: 'failed', failureReason: 'never_reached_provider' });
    expect(harness.fake.payments()).toEqual([]);
  });

  it('a refusal by Vipps’ gateway (429) is still a refusal: closed at once, nothing to resolve', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    harness.fake.failNext(/POST \/epayment\/v1\/payments$/, '429');
    const { started } = await payOneInvoice(harness.counter, 3000, 'mobilepay', PHONE);
    expect(started).toMatchObject({ status: 'failed', failureReason: 'http_429' });
  });

  it('tells Vipps’ own "no" apart from answers that may come from something in between', () => {
    const problem = { type: 'https://developer.vippsmobilepay.com/docs/errors', title: 'Invalid phone number' };
    const kind = (status: number, body: unknown) => vippsFailureKind({ status, body, text: JSON.stringify(body) });
    expect(kind(400, problem)).toBe('refused');
    expect(kind(409, problem)).toBe('refused');
    expect(kind(401, { statusCode: 401, message: 'Unauthorized' })).toBe('refused');
    expect(kind(429, null)).toBe('refused');
    expect(kind(400, null)).toBe('outcome_unknown');
    expect(kind(404, { message: 'no route' })).toBe('outcome_unknown');
    for (const status of [500, 502, 503, 504]) expect(kind(status, problem)).toBe('outcome_unknown');
  });
});

describe('Vipps webhooks: only our sales unit, and only successful operations, change a payment', () => {
  it('ignores (and logs) a correctly signed event for another merchant serial number', async () => {
    const logged: string[] = [];
    const harness = await setup({
      engine: { ...QUIET, log: (message) => logged.push(message) },
      fake: { webhookMode: 'off' },
    });
    const { started } = await payOneInvoice(harness.counter, 3400, 'mobilepay', PHONE);
    expect(await harness.fake.sendEvent(started.reference, 'ABORTED', { msn: '999999' })).toEqual([200]);
    harness.fake.approve(started.reference);
    expect(await harness.fake.sendEvent(started.reference, 'AUTHORIZED', { msn: '999999' })).toEqual([200]);
    const after = await harness.counter.call('payments.get', { paymentId: started.id });
    expect(after.status).toBe('pending');
    expect(harness.fake.payment(started.reference)?.captured).toBe(0);
    expect(logged.filter((m) => m.includes('999999'))).toHaveLength(2);
  });

  it('does not take success=false as the state change it names', async () => {
    const harness = await setup({ engine: QUIET, fake: { webhookMode: 'off' } });
    const { started } = await payOneInvoice(harness.counter, 3500, 'mobilepay', PHONE);
    for (const name of ['ABORTED', 'TERMINATED', 'EXPIRED'] as const) {
      expect(await harness.fake.sendEvent(started.reference, name, { success: false })).toEqual([200]);
    }
    const after = await harness.counter.call('payments.get', { paymentId: started.id });
    expect(after.status).toBe('pending');
    const events = await harness.counter.call('payments.events', { paymentId: started.id });
    expect(events.filter((e) => e.event === 'webhook_unsuccessful')).toHaveLength(3);
    // The same event with success=true is applied.
    await harness.fake.sendEvent(started.reference, 'ABORTED');
    expect((await harness.counter.call('payments.get', { paymentId: started.id })).status).toBe('declined');
  });
});
