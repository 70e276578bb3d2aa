import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { customerWithInvoices, payOneInvoice, settled, startPayment } from '../helpers/provider-harness';
import { onlineRefund, payNlCounterPerTest } from '../helpers/provider-tests';

/** Pay. cloud terminals when the outcome is in doubt: cancel and a late PAID, lost answers, a manager's word. */

const restSpec = loadSpec('paynl_rest_v2_terminals_refund.openapi.json', { prefix: '/v2' });
const TERMINAL = 'TH-1000-0001';

const { setup } = payNlCounterPerTest();

describe('Pay. cloud terminals (Order API against the wire-level fake)', () => {
  it('cancel aborts the order; a late PAID after the abort is caught by polling as paid-after-cancel, and can be kept', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started, customerId, invoice } = await payOneInvoice(counter, 250, TERMINAL);
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
    const refunded = await counter.call('payments.refund', onlineRefund(started.id, 320, 'Cancelled at the counter'));
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
});
