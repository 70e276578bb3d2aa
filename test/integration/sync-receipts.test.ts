import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import type { PaymentDto } from '../../shared/api/schemas';
import { counterEngine, startTestBackoffice } from '../helpers/backoffice';
import { drain, payAndWait } from '../helpers/pay-fast';
import { pdfText } from '../helpers/pdf-text';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ server: BackofficeServer; engine: Engine }> {
  const server = await startTestBackoffice({ customers: 10 });
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  const engine = counterEngine(server, 'C1');
  cleanups.push(() => engine.close());
  await engine.start();
  return { server, engine };
}

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('receipt uploads', () => {
  it('re-sends the receipt frozen at approval after a lost answer and a refund: accepted, same bytes; the refund has its own document', async () => {
    const { server, engine } = await setup();
    const [invoice] = await call<{ id: string; outstandingMinor: number }[]>(engine, 'invoices.open', {
      customerId: 'cust-100002',
    });
    if (!invoice) throw new Error('no invoice');
    const paid = await payAndWait(engine, {
      customerId: 'cust-100002',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(paid.status).toBe('approved');

    // The payment record arrives; the receipt is stored at the back-office but its answer is lost.
    server.faults.set({ rate: 1, kinds: ['lost_response'], only: 'PUT /v1/payments/' });
    await engine.sync.runCycle(true);
    const firstUpload = server.store.receipt(paid.id);
    if (!firstUpload) throw new Error('the first upload did not reach the back-office');
    expect(server.store.paymentCount()).toBe(1);
    server.faults.set({ rate: 0, kinds: [] });

    // Before the retry, the cashier refunds part of it (a second later, so every date would move).
    await new Promise((r) => setTimeout(r, 1_000));
    const refundMinor = Math.min(1_000, paid.amount.minor);
    await call(engine, 'payments.refund', {
      requestId: randomUUID(),
      paymentId: paid.id,
      amount: { minor: refundMinor, currency: 'EUR' },
      kind: 'online',
      reason: 'damaged',
    });
    const refunded = await waitFor(engine, paid.id, (p) => p.refundedMinor === refundMinor);
    const refund = refunded.refunds[0];
    if (!refund) throw new Error('no refund');

    await drain(engine);
    // The retry was accepted as the same request: nothing held, the stored receipt unchanged.
    expect(engine.status().sync.held).toBe(0);
    expect(await call<unknown[]>(engine, 'sync.items', {})).toEqual([]);
    expect(server.requestCounts.get(`PUT /v1/payments/${paid.id}/receipt`)).toBe(2);
    expect(server.store.receipt(paid.id)?.equals(firstUpload)).toBe(true);
    // And the counter renders those same bytes, today and later.
    const again = await call<{ base64: string }>(engine, 'receipts.pdf', { paymentId: paid.id, locale: 'nl' });
    expect(Buffer.from(again.base64, 'base64').equals(firstUpload)).toBe(true);
    const receiptText = pdfText(firstUpload.toString('base64'));
    expect(receiptText).toContain('Betalingsbewijs');
    expect(receiptText).not.toContain('damaged');

    // The refund went as its own record and its own document.
    const refundDoc = server.store.refundReceipts.get(refund.id);
    if (!refundDoc) throw new Error('no refund document at the back-office');
    expect(refundDoc.equals(firstUpload)).toBe(false);
    const refundText = pdfText(refundDoc.toString('base64'));
    expect(refundText).toContain('Terugbetalingsbewijs');
    expect(refundText).toContain('damaged');
    expect(refundText).toContain(paid.reference);
  });
});

async function waitFor(engine: Engine, paymentId: string, until: (p: PaymentDto) => boolean): Promise<PaymentDto> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const payment = await call<PaymentDto>(engine, 'payments.get', { paymentId });
    if (until(payment)) return payment;
    if (Date.now() > deadline) throw new Error(`payment ${payment.status}, refunded ${payment.refundedMinor}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
