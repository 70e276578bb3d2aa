import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startPayTraceCounter, wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach, settled, until } from '../helpers/provider-harness';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

/** PayTrace cards and bank accounts on file, charged for US invoices in dollars, against the wire-level fake. */

const cleanups = closeAfterEach();

async function charge(
  counter: TestEngine,
  customerId: string,
  minor: number,
  terminalId = 'paytrace-card',
  invoices = 1,
) {
  const open = await counter.call('invoices.open', { customerId });
  return counter.call('payments.start', {
    requestId: randomUUID(),
    customerId,
    invoiceIds: open.slice(0, invoices).map((i) => i.id),
    amount: { minor, currency: 'USD' },
    terminalId,
  });
}

describe('PayTrace sale by customer', () => {
  it('charges the card on file once: dollars as a string, our reference in invoice_id, the invoices in the description', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const terminals = await counter.call('terminals.list', {});
    expect(terminals.map((t) => [t.id, t.name, t.kind])).toEqual([
      ['paytrace-card', 'PayTrace — card on file', 'on_file'],
      ['paytrace-ach', 'PayTrace — bank account on file', 'on_file'],
    ]);
    const started = await charge(counter, 'cust-us-1001', 300_056, 'paytrace-card', 2);
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid).toMatchObject({ status: 'approved', method: 'on_file', cardBrand: 'Visa', cardLast4: '1111' });
    expect(paid.amount).toEqual({ minor: 300_056, currency: 'USD' });
    const [sale] = fake.sales();
    expect(paid.providerRef).toBe(String(sale?.id));
    const request = fake.seen.find((r) => r.path === '/v1/transactions/sale/by_customer');
    expect(request?.body).toMatchObject({
      amount: '3000.56',
      customer_id: 'KASSA-US-1001',
      invoice_id: started.reference,
      description: 'Invoice US-2026-10010, US-2026-10011',
      integrator_id: fake.credentials.integratorId,
    });
    expect(request?.headers.authorization).toMatch(/^Bearer \w+:\w+:\w+$/);
    expect(fake.sales()).toHaveLength(1);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('charges the checking account on file (ACH) at the check sale by customer', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const paid = await counter.waitForPayment(
      (await charge(counter, 'cust-us-1002', 50_000, 'paytrace-ach')).id,
      settled,
    );
    expect(paid).toMatchObject({ status: 'approved', cardBrand: null, cardLast4: null });
    expect(fake.sales()).toMatchObject([{ rail: 'check', amountMinor: 50_000, customerId: 'KASSA-US-1002' }]);
    expect(paid.providerRef).toBe(String(fake.sales()[0]?.id));
    expect(fake.seen.map((r) => r.path)).toContain('/v1/checks/sale/by_customer');
    const returned = await counter.waitForPayment(
      (await charge(counter, 'cust-us-1002', 20_002, 'paytrace-ach')).id,
      settled,
    );
    expect(returned).toMatchObject({ status: 'declined', failureReason: 'declined' });
    // Voided the same day at the check void (response 124, "managed").
    const voided = await counter.call('payments.void', {
      requestId: randomUUID(),
      paymentId: paid.id,
      note: 'Wrong account',
    });
    expect(voided.status).toBe('voided');
    expect(fake.seen.filter((r) => r.path === '/v1/checks/manage/void')).toHaveLength(1);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('102 is declined, 103 (approved, then voided by PayTrace) is not paid; the invoices stay open', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const declined = await counter.waitForPayment((await charge(counter, 'cust-us-1001', 10_002)).id, settled);
    expect(declined).toMatchObject({ status: 'declined', failureReason: 'declined' });
    const voided = await counter.waitForPayment((await charge(counter, 'cust-us-1001', 10_003)).id, settled);
    expect(voided).toMatchObject({ status: 'declined', failureReason: 'approved_then_voided' });
    expect(fake.sales().map((s) => s.responseCode)).toEqual([102, 103]);
    const open = await counter.call('invoices.open', { customerId: 'cust-us-1001' });
    expect(open[0]?.outstandingMinor).toBe(250_000);
  });

  it('code 1 (validation errors) is refused, the errors map kept in words; no customer id at all is refused before sending', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const invalid = await charge(counter, 'cust-us-1004', 5_000);
    expect(invalid).toMatchObject({ status: 'failed', failureReason: 'PAYTRACE-30' });
    const events = await counter.call('payments.events', { paymentId: invalid.id });
    expect(JSON.stringify(events)).toContain('30: Customer ID, KASSA-US-9999, was not found or is incomplete.');

    const none = await charge(counter, 'cust-us-1003', 5_000);
    expect(none).toMatchObject({ status: 'failed', failureReason: 'no_customer_on_file' });
    expect(fake.seen.filter((r) => r.path.includes('/sale/'))).toHaveLength(1);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('takes dollars only: a euro payment is refused before anything is sent', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const search = await counter.call('customers.search', { query: 'a' });
    const euro = search.find((c) => c.currency === 'EUR' && c.openInvoiceCount > 0);
    if (!euro) throw new Error('no euro customer');
    const refusal = await counter.refusal('payments.start', {
      requestId: randomUUID(),
      customerId: euro.id,
      invoiceIds: [(await counter.call('invoices.open', { customerId: euro.id }))[0]?.id ?? ''],
      amount: { minor: 1_000, currency: 'EUR' },
      terminalId: 'paytrace-card',
    });
    expect(refusal.code).toMatch(/currency/);
    expect(fake.seen.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  });
});

describe('PayTrace in demo mode', () => {
  it('the demo runs the PayTrace fake with the on-file terminals; saving real PayTrace settings switches the demo off', async () => {
    const counter = await startTestEngine({ demoBesideRealForTests: false, autoSync: false });
    cleanups.push(() => counter.close());
    const ids = (await counter.call('terminals.list', {})).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['paytrace-card', 'paytrace-ach']));
    const view = (await counter.call('providers.settings.list', {})).providers.find((p) => p.providerId === 'paytrace');
    expect(view).toMatchObject({ source: 'demo', secretSet: { password: false } });
    expect(counter.engine.status().mode).toBe('demo');

    await counter.call('providers.settings.save', {
      providerId: 'paytrace',
      values: { username: 'evergreen-api', integratorId: '9999ABCD', sandbox: true, password: 'sandbox-password-1' },
    });
    expect(counter.engine.status().mode).toBe('live');
    const saved = (await counter.call('providers.settings.list', {})).providers.find(
      (p) => p.providerId === 'paytrace',
    );
    expect(saved).toMatchObject({
      source: 'settings',
      values: { username: 'evergreen-api', sandbox: true },
      secretSet: { password: true },
    });
  });
});

describe('the demo PayTrace fake', () => {
  it('closes the batch a set time after a sale when KASSA_DEMO_PAYTRACE_SETTLE_MS asks, so a demo payment can be refunded', async () => {
    const { startDemoPayTrace } = await import('../../demo/demo-paytrace');
    const demo = await startDemoPayTrace({ KASSA_DEMO_PAYTRACE_SETTLE_MS: '30' });
    cleanups.push(demo.close);
    expect(demo.config).toMatchObject({ apiUrl: demo.fake.url, sandbox: true });
    expect([...demo.fake.ledger.customers.keys()]).toEqual(['KASSA-US-1001', 'KASSA-US-1002']);
    const token = await fetch(`${demo.fake.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: demo.config.username,
        password: demo.config.password,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const sale = await fetch(`${demo.fake.url}/v1/transactions/sale/by_customer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({
        amount: '10.00',
        customer_id: 'KASSA-US-1001',
        invoice_id: 'KS-DEMO-1',
        integrator_id: demo.config.integratorId,
      }),
    });
    expect(sale.status).toBe(200);
    await until(() => demo.fake.ledger.batches.length === 1);
    expect(demo.fake.sales()[0]?.batch).toBe(demo.fake.ledger.batches[0]?.number);
    await expect(startDemoPayTrace({ KASSA_DEMO_PAYTRACE_SETTLE_MS: 'soon' })).rejects.toThrow(
      /KASSA_DEMO_PAYTRACE_SETTLE_MS/,
    );
  });
});
