import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { customerWithInvoices, payOneInvoice, settled } from '../helpers/provider-harness';
import { payNlCounterPerTest } from '../helpers/provider-tests';

/**
 * Money safety at the Pay. exchange listener: what may become a "device payment" to assign, and
 * how much work an unsigned call can make Kassa do at Pay.
 */
const TERMINAL = 'TH-1000-0001';
const SOFTPOS = 'TH-1000-0002';
const connectSpec = loadSpec('paynl_connect_order_api_v1.openapi.json');
const transactionSpec = loadSpec('paynl_rest_v2_transaction_api.openapi.json', { prefix: '/v2' });

const { setup } = payNlCounterPerTest();

type Counter = Awaited<ReturnType<typeof setup>>['counter'];

/** What anyone who can reach the listener can send: no signature, any content. */
async function unsignedExchange(counter: Counter, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${counter.engine.webhookPort()}/paynl/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('Pay. device payments: only money Kassa has never seen', () => {
  it('a forged unsigned Pay.POS exchange naming an approved Kassa order is not recorded as a device payment', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 640, TERMINAL);
    const uuid = started.providerRef ?? '';
    fake.pay(uuid);
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
    const orderId = fake.order(uuid)?.orderId ?? '';

    // Pay.'s order id (not the UUID Kassa stored), an empty reference, PAID.
    const forged = await unsignedExchange(counter, {
      action: 'new_ppt',
      orderId,
      reference: '',
      status: { code: '100', action: 'PAID' },
    });
    expect(forged.text).not.toBe('TRUE| unmatched device payment recorded');
    expect(forged.text).toBe('TRUE| a Kassa payment, not a device payment');
    // Decided on what Pay. itself says about that id, not on the call's content.
    const lookup = fake.seen.find((r) => r.method === 'GET' && r.path === `/v2/transactions/${orderId}`);
    if (!lookup) throw new Error('Kassa did not ask Pay. about the order it was told of');
    expect(transactionSpec.checkRequest(lookup)).toEqual([]);
    expect(await counter.call('unmatched.list', {})).toEqual([]);
    expect((await counter.call('sync.items', {})).filter((i) => i.kind === 'payment.approved')).toHaveLength(1);
  });

  it('a refund typed on the device and reported to the location is not incoming money', async () => {
    const { counter, fake } = await setup();
    const signed = await fake.devicePayment({ terminalCode: TERMINAL, amountMinor: 1500, refund: true });
    expect(signed.answer?.text).toBe('TRUE| not incoming money (refund:add)');
    // The same refund announced as a legacy form call ("new_ppt" claimed): Pay.'s record says refund.
    fake.setExchangeMode('unsigned');
    const legacy = await fake.devicePayment({
      terminalCode: TERMINAL,
      amountMinor: 1600,
      refund: true,
      format: 'legacy',
    });
    expect(legacy.answer?.text).toMatch(/^TRUE\| not incoming money|^TRUE\| a refund to a card/);
    const lied = await unsignedExchange(counter, {
      action: 'new_ppt',
      id: signed.transaction.id,
      orderId: signed.transaction.orderId,
      reference: '',
      status: { code: '100', action: 'PAID' },
    });
    expect(lied.text).toBe('TRUE| a refund to a card, not incoming money');
    expect(await counter.call('unmatched.list', {})).toEqual([]);
    // A real device sale still lands in the list.
    const sale = await fake.devicePayment({ terminalCode: SOFTPOS, amountMinor: 1700 });
    expect(sale.answer?.text).toBe('TRUE| unmatched device payment recorded');
    expect((await counter.call('unmatched.list', {})).map((u) => u.amount.minor)).toEqual([1700]);
  });
});

describe('Pay. unsigned exchange calls are bounded', () => {
  it('many calls naming one order cause one lookup at Pay.; a flood of made-up ids is capped per second', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off', engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 660, TERMINAL);
    const orderId = started.providerRef ?? '';
    const lookups = () => fake.seen.filter((r) => r.method === 'GET' && r.path.includes(orderId)).length;
    const before = lookups();
    const same = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        unsignedExchange(counter, {
          event: 'status_changed',
          type: 'order',
          id: orderId,
          // Each body differs, so the delivery de-duplication alone would not stop them.
          object: { id: orderId, reference: started.reference, status: { code: 100, action: `PAID${i}` } },
        }),
      ),
    );
    expect(lookups() - before).toBe(1);
    expect(same.filter((a) => a.text.startsWith('TRUE|')).length).toBeGreaterThanOrEqual(1);
    expect(same.every((a) => /^(TRUE|FALSE)\|/.test(a.text))).toBe(true);

    const requestsBefore = fake.seen.length;
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        unsignedExchange(counter, {
          action: 'new_ppt',
          orderId: `5${String(i).padStart(10, '0')}X1234`,
          reference: '',
          status: { code: '100', action: 'PAID' },
        }),
      ),
    );
    // Within a second or two: at most the per-second budget (5) reaches Pay.; the rest are told to retry.
    expect(fake.seen.length - requestsBefore).toBeLessThan(20);
    const turnedAway = flood.filter((a) => a.status === 429);
    expect(turnedAway.length).toBeGreaterThan(20);
    expect(turnedAway.every((a) => a.text.startsWith('FALSE|'))).toBe(true);
  });
});

describe('Pay. references follow the Order API rule (alphanumeric)', () => {
  it('a Kassa payment’s order passes the fake’s rule; a dashed reference is refused with Pay.’s error shape', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 1);
    const started = await counter.call('payments.start', {
      requestId: randomUUID(),
      customerId,
      invoiceIds: [invoices[0]?.id ?? ''],
      amount: { minor: 670, currency: 'EUR' },
      terminalId: TERMINAL,
    });
    expect(started.status).toBe('pending');
    expect(started.reference).toMatch(/^[A-Za-z0-9]+$/);
    const create = fake.seen.find((r) => r.method === 'POST' && r.path === '/v1/orders');
    if (!create) throw new Error('no order');
    expect(connectSpec.checkRequest(create)).toEqual([]);

    const auth = `Basic ${Buffer.from(`${fake.credentials.serviceId}:${fake.credentials.serviceSecret}`).toString('base64')}`;
    const dashed = await fetch(`${fake.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ...(create.body as object), reference: 'KS-C1-P20261201-ABC123' }),
    });
    expect(dashed.status).toBe(422);
    const problem = (await dashed.json()) as { code: string };
    expect(problem).toMatchObject({ type: 'https://developer.pay.nl/docs/error-codes', code: 'PAY-2003' });
    expect(connectSpec.checkResponse('POST', '/v1/orders', 422, problem)).toEqual([]);
    expect(fake.orders()).toHaveLength(1);
  });
});
