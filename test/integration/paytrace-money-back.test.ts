import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PaymentDto } from '../../shared/api/schemas';
import { startPayTraceCounter, wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach, settled } from '../helpers/provider-harness';
import type { TestEngine } from '../helpers/test-engine';

/** Money back at PayTrace: void while the batch is open, refund (full or partial) once it settled. */

const cleanups = closeAfterEach();
const REFUND = '/v1/transactions/refund/for_transaction';

async function paid(counter: TestEngine, minor: number): Promise<PaymentDto> {
  const [invoice] = await counter.call('invoices.open', { customerId: 'cust-us-1001' });
  const started = await counter.call('payments.start', {
    requestId: randomUUID(),
    customerId: 'cust-us-1001',
    invoiceIds: [invoice?.id ?? ''],
    amount: { minor, currency: 'USD' },
    terminalId: 'paytrace-card',
  });
  const done = await counter.waitForPayment(started.id, settled);
  if (done.status !== 'approved') throw new Error(`not approved: ${done.status}`);
  return done;
}

const refund = (paymentId: string, minor: number) => ({
  requestId: randomUUID(),
  paymentId,
  amount: { minor, currency: 'USD' as const },
  kind: 'online' as const,
  reason: 'Damaged in transit',
});
const voidOf = (paymentId: string) => ({ requestId: randomUUID(), paymentId, note: 'Charged the wrong customer' });

describe('PayTrace void or refund, by whether the batch settled', () => {
  it('before settlement the screen offers the void (not a refund); the void is sent once and the payment is voided', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 20_000);
    expect(payment).toMatchObject({ voidable: true, refundKinds: [] });
    const voided = await counter.call('payments.void', voidOf(payment.id));
    expect(voided.status).toBe('voided');
    expect(fake.sales()[0]?.type).toBe('VOID');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(1);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('after settlement the void is too late and the screen offers the refund; partial refunds go up to the balance', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 10_000);
    fake.settleBatch();
    expect((await counter.refusal('payments.void', voidOf(payment.id))).code).toBe('void_too_late');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(0);
    const now = (await counter.call('payments.today', {})).find((p) => p.id === payment.id);
    expect(now).toMatchObject({ voidable: false, refundKinds: ['online'] });

    const part = await counter.call('payments.refund', refund(payment.id, 3_000));
    expect(part).toMatchObject({ status: 'partially_refunded', refundedMinor: 3_000 });
    const tooMuch = await counter.refusal('payments.refund', refund(payment.id, 8_000));
    expect(tooMuch).toMatchObject({ code: 'refund_exceeds_paid', params: { maxMinor: 7_000 } });
    const rest = await counter.call('payments.refund', refund(payment.id, 7_000));
    expect(rest).toMatchObject({ status: 'refunded', refundedMinor: 10_000, refundKinds: [] });
    const sent = fake.seen.filter((r) => r.path === REFUND).map((r) => (r.body as { amount: string }).amount);
    expect(sent).toEqual(['30.00', '70.00']);
    expect(fake.sales()[0]?.refundedMinor).toBe(10_000);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('a refund before settlement is PayTrace’s own "no" (code 1, error 817): the refund fails, nothing paid out', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 5_000);
    const refusal = await counter.refusal('payments.refund', refund(payment.id, 5_000));
    expect(refusal).toMatchObject({ code: 'refund_failed', params: { reason: 'PAYTRACE-817' } });
    expect(fake.ledger.transactions.filter((t) => t.type === 'REFUND')).toHaveLength(0);
  });
});

describe('a lost answer to a PayTrace void', () => {
  it('processed but unanswered: the export shows the sale voided, so the void is taken as done; sent once', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 6_000);
    fake.failNext(/transactions\/void$/, 'drop_after');
    await counter.call('payments.void', voidOf(payment.id));
    const voided = await counter.waitForPayment(payment.id, (p) => p.status === 'voided');
    expect(voided.voidStatus).toBe('voided');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(1);
  });
});

describe('a lost answer to a PayTrace refund', () => {
  it('processed but unanswered: found by the refund id in the export and taken as done; never sent again', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 9_000);
    fake.settleBatch();
    fake.failNext(/refund\/for_transaction$/, 'drop_after');
    const after = await counter.call('payments.refund', refund(payment.id, 4_000));
    expect(after).toMatchObject({ status: 'partially_refunded', refundedMinor: 4_000 });
    expect(after.refunds[0]?.status).toBe('succeeded');
    expect(fake.ledger.transactions.filter((t) => t.type === 'REFUND')).toMatchObject([{ amountMinor: 4_000 }]);
    const lookup = fake.seen.find((r) => r.path === '/v1/transactions/export/by_date_range');
    expect(lookup?.body).toMatchObject({ including_text: after.refunds[0]?.id, transaction_type: 'REFUND' });
    expect(fake.seen.filter((r) => r.path === REFUND)).toHaveLength(1);
  });

  it('not found at PayTrace: the refund stays unknown for a manager, and Kassa refuses to send it again', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const payment = await paid(counter, 9_000);
    fake.settleBatch();
    fake.failNext(/refund\/for_transaction$/, 'drop_before');
    const after = await counter.call('payments.refund', refund(payment.id, 4_000));
    const [lost] = after.refunds;
    expect(lost).toMatchObject({ status: 'unknown' });
    expect((await counter.refusal('refunds.retry', { refundId: lost?.id ?? '' })).code).toBe('cannot_retry_refund');
    expect(fake.seen.filter((r) => r.path === REFUND)).toHaveLength(1);
    expect(fake.ledger.transactions.filter((t) => t.type === 'REFUND')).toHaveLength(0);
  });
});
