import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { pdfText } from '../helpers/pdf-text';
import {
  closeAfterEach,
  customerWithInvoices,
  payOneInvoice,
  settled,
  startPayment,
  startPayNlCounter,
} from '../helpers/provider-harness';

const connectSpec = loadSpec('paynl_connect_order_api_v1.openapi.json');
const restSpec = loadSpec('paynl_rest_v2_terminals_refund.openapi.json', { prefix: '/v2' });
const TERMINAL = 'TH-1000-0001';
const SOFTPOS = 'TH-1000-0002';

const cleanups = closeAfterEach();

const setup = (options: Parameters<typeof startPayNlCounter>[0] = {}) => startPayNlCounter({ ...options, cleanups });

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

  it('cancel aborts the order; a late PAID after the abort is caught by polling as paid-after-cancel, and can be kept', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    const started = await startPayment(counter, {
      customerId,
      invoiceIds: [invoice.id],
      minor: 250,
      terminalId: TERMINAL,
    });
    const cancelled = await counter.call('payments.cancel', { paymentId: started.id });
    expect(fake.seen.some((r) => r.method === 'PATCH' && r.path === `/v1/orders/${started.providerRef}/abort`)).toBe(
      true,
    );
    expect((await counter.waitForPayment(cancelled.id, settled)).status).toBe('cancelled');
    fake.pay(started.providerRef ?? '');
    const late = await counter.waitForPayment(started.id, (p) => p.status === 'paid_after_cancel');
    expect(late.refundKinds).toEqual(['online', 'terminal']);
    const before = (await counter.call('invoices.open', { customerId })).find((i) => i.id === invoice.id);
    const kept = await counter.call('payments.keep', { paymentId: started.id });
    expect(kept.status).toBe('approved');
    const after = (await counter.call('invoices.open', { customerId })).find((i) => i.id === invoice.id);
    expect(after?.outstandingMinor).toBe((before?.outstandingMinor ?? 0) - 250);
  });

  it('a paid-after-cancel announced by a signed exchange is refunded online in one go', async () => {
    const { counter, fake } = await setup({ engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 320, TERMINAL);
    await counter.call('payments.cancel', { paymentId: started.id });
    await counter.waitForPayment(started.id, (p) => p.status === 'cancelled');
    fake.pay(started.providerRef ?? '');
    await counter.waitForPayment(started.id, (p) => p.status === 'paid_after_cancel');
    const refunded = await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: started.id,
      amount: { minor: 320, currency: 'EUR' },
      kind: 'online',
      reason: 'Cancelled at the counter',
    });
    expect(refunded.status).toBe('refunded');
    // Never approved, never reported: the back-office has nothing to correct.
    expect(await counter.call('sync.items', {})).toEqual([]);
    const refundCall = fake.seen.find((r) => r.method === 'PATCH' && r.path.endsWith('/refund'));
    if (!refundCall) throw new Error('no refund call');
    expect(refundCall.path).toBe(`/v2/transactions/${fake.order(started.providerRef ?? '')?.orderId}/refund`);
    expect(restSpec.checkRequest(refundCall)).toEqual([]);
  });

  it('a lost answer to the order is never sent again: the payment is unknown until the exchange names it', async () => {
    const { counter, fake } = await setup();
    const { customerId, invoices } = await customerWithInvoices(counter, 1);
    fake.failNext(/POST \/v1\/orders/, 'drop_after');
    const started = await startPayment(counter, {
      customerId,
      invoiceIds: [invoices[0]?.id ?? ''],
      minor: 410,
      terminalId: TERMINAL,
    });
    expect(started.status).toBe('unknown');
    expect(fake.orders()).toHaveLength(1);
    const order = fake.orders()[0];
    if (!order) throw new Error('no order');
    fake.pay(order.id);
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    // The exchange named the order; Kassa checked it carries this payment's reference and kept its id.
    expect(paid.providerRef).toBe(order.id);
    expect(fake.seen.filter((r) => r.method === 'POST' && r.path === '/v1/orders')).toHaveLength(1);
  });

  it('lets a manager decide an outcome Pay. cannot tell, with a note kept as evidence', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 2);
    const [first, second] = invoices;
    if (!first || !second) throw new Error('need invoices');
    fake.failNext(/POST \/v1\/orders/, 'drop_after');
    const lost = await startPayment(counter, { customerId, invoiceIds: [first.id], minor: 210, terminalId: TERMINAL });
    expect(lost.status).toBe('unknown');
    expect(
      (await counter.refusal('payments.resolve', { paymentId: lost.id, outcome: 'approved', note: 'x' })).code,
    ).toBe('invalid_request');
    const checked = await counter.call('payments.check', { paymentId: lost.id });
    expect(checked.status).toBe('unknown');
    const kept = await counter.call('payments.resolve', {
      paymentId: lost.id,
      outcome: 'approved',
      note: 'Terminal slip shows approved, 14:02',
    });
    expect(kept.status).toBe('approved');
    const after = (await counter.call('invoices.open', { customerId })).find((i) => i.id === first.id);
    expect(after?.outstandingMinor).toBe(first.outstandingMinor - 210);
    expect((await counter.call('sync.items', {})).map((i) => i.kind)).toEqual(['payment.approved', 'payment.receipt']);
    const trail = await counter.call('payments.events', { paymentId: lost.id });
    expect(trail.at(-1)).toMatchObject({ event: 'manager_resolved', fromStatus: 'unknown', toStatus: 'approved' });
    expect(trail.at(-1)?.detail).toContain('Terminal slip shows approved');
    expect(
      (await counter.refusal('payments.resolve', { paymentId: lost.id, outcome: 'failed', note: 'again' })).code,
    ).toBe('cannot_resolve');

    fake.failNext(/POST \/v1\/orders/, 'drop_after');
    const other = await startPayment(counter, {
      customerId,
      invoiceIds: [second.id],
      minor: 220,
      terminalId: TERMINAL,
    });
    const failed = await counter.call('payments.resolve', {
      paymentId: other.id,
      outcome: 'failed',
      note: 'Terminal shows nothing',
    });
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'manager_not_charged' });
    // The invoice is free for the next payment again.
    const again = await startPayment(counter, {
      customerId,
      invoiceIds: [second.id],
      minor: 220,
      terminalId: TERMINAL,
    });
    expect(again.status).toBe('pending');
  });

  it('refuses clearly on 429 and 422 without creating anything, and marks a 500 unknown', async () => {
    const { counter, fake } = await setup();
    const { customerId, invoices } = await customerWithInvoices(counter, 3);
    fake.failNext(/POST \/v1\/orders/, '429');
    const limited = await startPayment(counter, {
      customerId,
      invoiceIds: [invoices[0]?.id ?? ''],
      minor: 110,
      terminalId: TERMINAL,
    });
    expect(limited.status).toBe('failed');
    expect(limited.failureReason).toBe('PAY-429');
    fake.failNext(/POST \/v1\/orders/, '500');
    const broken = await startPayment(counter, {
      customerId,
      invoiceIds: [invoices[1]?.id ?? ''],
      minor: 120,
      terminalId: TERMINAL,
    });
    expect(broken.status).toBe('unknown');
    expect(fake.orders()).toHaveLength(0);
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

describe('Pay. refunds', () => {
  it('never resends a Pay. refund whose answer was lost: a manager records what the portal shows', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 900, TERMINAL);
    fake.pay(started.providerRef ?? '');
    await counter.waitForPayment(started.id, settled);
    fake.failNext(/\/refund$/, 'drop_after');
    const lost = await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: started.id,
      amount: { minor: 900, currency: 'EUR' },
      kind: 'online',
      reason: 'Returned',
    });
    const refundId = lost.refunds[0]?.id ?? '';
    expect(lost.refunds[0]).toMatchObject({ status: 'unknown', retryable: false });
    expect((await counter.refusal('refunds.retry', { refundId })).code).toBe('cannot_retry_refund');
    const decided = await counter.call('refunds.decide', {
      refundId,
      outcome: 'succeeded',
      note: 'Pay. portal shows refund',
    });
    expect(decided.status).toBe('refunded');
    expect(fake.seen.filter((r) => r.path.endsWith('/refund'))).toHaveLength(1);
    expect((await counter.call('sync.items', {})).map((i) => i.kind)).toContain('payment.refunded');
  });

  it('refunds part online, then the rest on the terminal once the customer presents the card', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 1000, TERMINAL);
    fake.pay(started.providerRef ?? '');
    await counter.waitForPayment(started.id, settled);

    const partial = await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: started.id,
      amount: { minor: 400, currency: 'EUR' },
      kind: 'online',
      reason: 'Damaged roses',
    });
    expect(partial.status).toBe('partially_refunded');
    expect(partial.refundedMinor).toBe(400);
    expect(
      (
        await counter.refusal('payments.refund', {
          requestId: randomUUID(),
          paymentId: started.id,
          amount: { minor: 601, currency: 'EUR' },
          kind: 'online',
          reason: 'Too much',
        })
      ).code,
    ).toBe('refund_exceeds_paid');

    const onTerminal = await counter.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: started.id,
      amount: { minor: 600, currency: 'EUR' },
      kind: 'terminal',
      terminalId: TERMINAL,
      reason: 'Rest back to card',
    });
    expect(onTerminal.refunds.at(-1)?.status).toBe('pending');
    const credit = fake.orders().find((o) => o.type === 'credit');
    if (!credit) throw new Error('no credit order');
    const create = fake.seen.filter((r) => r.method === 'POST' && r.path === '/v1/orders').at(-1);
    expect(create?.body).toMatchObject({
      paymentMethod: { id: 2351, input: { terminalCode: TERMINAL } },
      amount: { value: 600 },
    });
    if (!create) throw new Error('no credit order request');
    expect(connectSpec.checkRequest(create)).toEqual([]);
    fake.pay(credit.id);
    const done = await counter.waitForPayment(started.id, (p) => p.status === 'refunded');
    expect(done.refunds.map((r) => [r.kind, r.amount.minor, r.status])).toEqual([
      ['online', 400, 'succeeded'],
      ['terminal', 600, 'succeeded'],
    ]);
    const kinds = (await counter.call('sync.items', {})).map((i) => i.kind);
    expect(kinds.filter((k) => k === 'payment.refunded')).toHaveLength(2);
  });
});
