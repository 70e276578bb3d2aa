import { describe, expect, it } from 'vitest';
import { loadSpec } from '../helpers/openapi';
import { customerWithInvoices, startPayment } from '../helpers/provider-harness';
import { onlineRefund, paidAtPayNl, payNlCounterPerTest } from '../helpers/provider-tests';

/** What a start or a refund at Pay. may and may not conclude from a bad answer. */
const TERMINAL = 'TH-1000-0001';
const restSpec = loadSpec('paynl_rest_v2_terminals_refund.openapi.json', { prefix: '/v2' });

const { setup } = payNlCounterPerTest();

describe('Pay. start: an answer that may come from a proxy is not a refusal', () => {
  it('503, a proxy’s 502/504 and an HTML answer leave the attempt unknown, and it is never sent again', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { customerId, invoices } = await customerWithInvoices(counter, 1);
    const invoiceId = invoices[0]?.id ?? '';
    const creates = () => fake.seen.filter((r) => r.method === 'POST' && r.path === '/v1/orders').length;
    for (const fault of ['503', '502', '504', 'html'] as const) {
      const before = creates();
      fake.failNext(/POST \/v1\/orders$/, fault);
      const started = await startPayment(counter, {
        customerId,
        invoiceIds: [invoiceId],
        minor: 310,
        terminalId: TERMINAL,
      });
      expect({ fault, status: started.status }).toEqual({ fault, status: 'unknown' });
      expect(creates() - before).toBe(1);
      // Pay. cannot be asked by our reference: a manager decides, and the invoice is free again.
      await counter.call('payments.resolve', {
        paymentId: started.id,
        outcome: 'failed',
        note: `${fault}: portal empty`,
      });
    }
    // Pay.'s own refusal (a 4xx in its error format) still fails at once.
    fake.failNext(/POST \/v1\/orders$/, '429');
    const limited = await startPayment(counter, {
      customerId,
      invoiceIds: [invoiceId],
      minor: 310,
      terminalId: TERMINAL,
    });
    expect(limited).toMatchObject({ status: 'failed', failureReason: 'PAY-429' });
  });
});

describe('Pay. online refunds are followed until Pay. finishes them', () => {
  it('an accepted refund stays pending until Pay.’s refund status says paid, or failed', async () => {
    const harness = await setup({ exchangeMode: 'off' });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 1200, TERMINAL);
    fake.setRefundsSettle('later');

    const asked = await counter.call('payments.refund', onlineRefund(started.id, 500, 'Wilted tulips'));
    expect(asked.status).toBe('approved');
    expect(asked.refundedMinor).toBe(0);
    expect(asked.refunds[0]?.status).toBe('pending');
    const [first] = fake.refunds();
    if (!first) throw new Error('no refund at the fake');
    const info = fake.seen.find((r) => r.method === 'GET' && r.path === `/v2/refunds/${first.id}`);
    if (!info) throw new Error('refund status not asked');
    expect(restSpec.checkRequest(info)).toEqual([]);

    fake.settleRefund(first.id, 'paid');
    const done = await counter.waitForPayment(started.id, (p) => p.refunds[0]?.status === 'succeeded');
    expect(done).toMatchObject({ status: 'partially_refunded', refundedMinor: 500 });

    const second = await counter.call('payments.refund', onlineRefund(started.id, 300, 'Wrong pot'));
    expect(second.refunds.at(-1)?.status).toBe('pending');
    const failing = fake.refunds().at(-1);
    fake.settleRefund(failing?.id ?? '', 'failed');
    const failed = await counter.waitForPayment(started.id, (p) => p.refunds.at(-1)?.status === 'failed');
    expect(failed.refundedMinor).toBe(500);
    expect((await counter.call('sync.items', {})).filter((i) => i.kind === 'payment.refunded')).toHaveLength(1);
  });

  it('a lookup that fails before the refund is sent is a plain failure, not an unknown refund', async () => {
    const harness = await setup({ exchangeMode: 'off' });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 1300, TERMINAL);
    // The order read that precedes the refund gets no answer (as with a read timeout).
    fake.failNext(/GET \/v1\/orders\/[^/]+\/status$/, 'drop_after');
    const refused = await counter.refusal('payments.refund', onlineRefund(started.id, 1300, 'Returned'));
    expect(refused.code).toBe('refund_failed');
    expect(fake.seen.some((r) => r.method === 'PATCH' && r.path.endsWith('/refund'))).toBe(false);
    const after = await counter.call('payments.get', { paymentId: started.id });
    expect(after.refunds[0]).toMatchObject({ status: 'failed', retryable: false });
    // Nothing left the counter, so the cashier simply refunds again.
    const again = await counter.call('payments.refund', onlineRefund(started.id, 1300, 'Returned'));
    expect(again.status).toBe('refunded');
  });
});
