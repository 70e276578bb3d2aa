import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { pdfText } from '../helpers/pdf-text';
import { customerWithInvoices, payOneInvoice, settled, startPayment } from '../helpers/provider-harness';
import { payNlCounterPerTest } from '../helpers/provider-tests';

/** Pay. cloud terminals: listing, a payment from start to PAID, splits, final "no"s and a restart. */

const connectSpec = loadSpec('paynl_connect_order_api_v1.openapi.json');
const TERMINAL = 'TH-1000-0001';
const SOFTPOS = 'TH-1000-0002';

const { cleanups, setup } = payNlCounterPerTest();

describe('Pay. cloud terminals (Order API against the wire-level fake)', () => {
  it('lists the shop’s terminals with online state and refund ability, asking with the AT credentials', async () => {
    const { counter, fake } = await setup();
    const terminals = await counter.call('terminals.list', {});
    const pay = terminals.filter((t) => t.provider === 'paynl');
    expect(pay.map((t) => [t.id, t.kind, t.online, t.refunds])).toEqual([
      [TERMINAL, 'terminal', true, true],
      [SOFTPOS, 'softpos', true, false],
      ['TH-1000-0003', 'terminal', false, false],
    ]);
    const request = fake.seen.find((r) => r.path === '/v2/terminals');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${fake.credentials.tokenCode}:${fake.credentials.apiToken}`).toString('base64')}`,
    );
  });

  it('takes a full payment: order 1927 on the terminal, waiting for card, PAID with card slip and last 4 only', async () => {
    const { counter, fake } = await setup();
    const { customerId, invoices } = await customerWithInvoices(counter, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    const started = await startPayment(counter, {
      customerId,
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
      terminalId: TERMINAL,
    });
    // The order id is stored before the cashier sees "waiting for card".
    expect(started.status).toBe('pending');
    expect(started.phase).toBe('waiting_card');
    expect(started.providerRef).toBe(fake.orders()[0]?.id);

    const create = fake.seen.find((r) => r.method === 'POST' && r.path === '/v1/orders');
    if (!create) throw new Error('no order created');
    expect(connectSpec.checkRequest(create)).toEqual([]);
    expect(create.body).toMatchObject({
      serviceId: fake.credentials.serviceId,
      amount: { value: invoice.outstandingMinor, currency: 'EUR' },
      reference: started.reference,
      paymentMethod: { id: 1927, input: { terminalCode: TERMINAL } },
      integration: { test: true },
      exchangeUrl: 'https://kassa.bloemenhal.example/hooks/paynl/exchange',
    });
    expect((create.body as { description: string }).description).toContain(invoice.number);

    const orderId = started.providerRef ?? '';
    expect(connectSpec.checkResponse('GET', `/v1/orders/${orderId}/status`, 200, fake.orderBody(orderId))).toEqual([]);
    fake.setExchangeMode('off');
    fake.pay(orderId);
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(paid.cardLast4).toBe(fake.order(orderId)?.last4);
    expect(paid.cardSlip).toContain(`Kaart: ************${paid.cardLast4}`);
    expect(JSON.stringify(paid)).not.toMatch(/524322\*{6}/);
    const receipt = pdfText((await counter.call('receipts.pdf', { paymentId: paid.id, locale: 'nl' })).base64);
    expect(receipt).toContain('Pinbon');
    expect(receipt).toContain('Kopie Kaarthouder');
    expect(receipt).toContain(`************${paid.cardLast4}`);
    const after = await counter.call('invoices.open', { customerId });
    expect(after.find((i) => i.id === invoice.id)).toBeUndefined();
  });

  it('splits a partial payment over two invoices, oldest due first', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 2);
    const [first, second] = invoices;
    if (!first || !second) throw new Error('need two invoices');
    const minor = first.outstandingMinor + 100;
    const started = await startPayment(counter, {
      customerId,
      invoiceIds: [first.id, second.id],
      minor,
      terminalId: TERMINAL,
    });
    fake.pay(started.providerRef ?? '');
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(paid.allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual([
      [first.id, first.outstandingMinor],
      [second.id, 100],
    ]);
  });

  it('shows a decline, and an expiry, as final', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 2);
    const a = await startPayment(counter, {
      customerId,
      invoiceIds: [invoices[0]?.id ?? ''],
      minor: 150,
      terminalId: TERMINAL,
    });
    fake.decline(a.providerRef ?? '');
    expect((await counter.waitForPayment(a.id, settled)).status).toBe('declined');
    const b = await startPayment(counter, {
      customerId,
      invoiceIds: [invoices[1]?.id ?? ''],
      minor: 150,
      terminalId: TERMINAL,
    });
    fake.expire(b.providerRef ?? '');
    expect((await counter.waitForPayment(b.id, settled)).status).toBe('expired');
  });

  it('survives a restart mid-payment: the order is asked for before any new payment starts', async () => {
    const { counter, fake, restart } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 510, TERMINAL);
    await counter.engine.close();
    fake.pay(started.providerRef ?? '');
    const again = await restart({ dataDir: counter.dataDir });
    cleanups.push(() => again.close());
    const after = await again.call('payments.get', { paymentId: started.id });
    expect(after.status).toBe('approved');
  });
});
