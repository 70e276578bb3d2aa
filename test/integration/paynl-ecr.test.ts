import { describe, expect, it } from 'vitest';
import { LAN_TERMINAL, startLanCounter } from '../helpers/ecr-harness';
import { closeAfterEach, payOneInvoice, settled, until } from '../helpers/provider-harness';
import { onlineRefund } from '../helpers/provider-tests';

const TERMINAL = LAN_TERMINAL;
const cleanups = closeAfterEach();
const setup = (options: { exchangeMode?: 'signed' | 'off'; pollMs?: number } = {}) =>
  startLanCounter(cleanups, options);

async function phases(counter: Awaited<ReturnType<typeof setup>>['counter'], paymentId: string) {
  const seen: string[] = [];
  const off = counter.engine.subscribe((event) => {
    if (event.type === 'payment.updated' && event.payment.id === paymentId) {
      seen.push(event.payment.phase ?? event.payment.status);
    }
  });
  return { seen, off };
}

describe('PAY.ECR: Pay.POS terminals on the shop LAN', () => {
  it('finds the terminal by UDP discovery, shows its live events, and marks paid only after Pay.’s cloud confirms', async () => {
    const { counter, ecr, fake } = await setup();
    const { started } = await payOneInvoice(counter, 1234, TERMINAL);
    expect(started).toMatchObject({ status: 'pending', phase: 'waiting_card' });
    expect(ecr.seen[0]).toMatchObject({
      type: 'TRANSACTION_START',
      transaction: { reference: started.reference, amount: { value: 1234, currency: 'EUR' } },
    });
    // The LAN carries no Pay. secret: no service injection.
    expect(ecr.seen[0]).not.toHaveProperty('service');
    const watch = await phases(counter, started.id);
    ecr.pin();
    await until(async () => (await counter.call('payments.get', { paymentId: started.id })).phase === 'pin');
    ecr.processing();
    await until(async () => (await counter.call('payments.get', { paymentId: started.id })).phase === 'processing');
    const statusQueries = () => fake.seen.filter((r) => r.path.endsWith('/status')).length;
    ecr.complete(true);
    const paid = await counter.waitForPayment(started.id, settled);
    watch.off();
    expect(paid.status).toBe('approved');
    expect(watch.seen).toEqual(['pin', 'processing', 'approved']);
    expect(statusQueries()).toBeGreaterThan(0);
    const order = fake.orders().find((o) => o.reference === started.reference);
    expect(paid.providerRef).toBe(order?.id);
    expect(paid.cardLast4).toBe(order?.last4);
  });

  it('recovers from a dropped connection during PIN entry through the terminal’s history', async () => {
    const { counter, ecr } = await setup();
    const { started } = await payOneInvoice(counter, 2345, TERMINAL);
    ecr.pin();
    await until(async () => (await counter.call('payments.get', { paymentId: started.id })).phase === 'pin');
    ecr.dropConnections();
    // The customer finishes on the terminal while Kassa is cut off.
    ecr.complete(true);
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(ecr.seen.some((m) => m.type === 'HISTORY_GET' && m.needle === started.reference)).toBe(true);
  });

  it('does not believe a terminal that says approved when Pay. has no payment', async () => {
    const { counter, ecr, fake } = await setup();
    const { started, customerId, invoice } = await payOneInvoice(counter, 3456, TERMINAL);
    ecr.complete(true, { cloudPaid: false });
    await until(() => fake.seen.filter((r) => r.path.endsWith('/status')).length >= 3);
    const after = await counter.call('payments.get', { paymentId: started.id });
    expect(after.status).toBe('pending');
    const open = await counter.call('invoices.open', { customerId });
    expect(open.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    // When Pay. does record the payment, the counter follows.
    const order = fake.orders().find((o) => o.reference === started.reference);
    fake.pay(order?.id ?? '');
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
  });

  it('takes Pay.’s signed exchange for a LAN payment, keeping the order id so it can be refunded', async () => {
    const { counter, ecr, fake } = await setup({ exchangeMode: 'signed' });
    const { started } = await payOneInvoice(counter, 3210, TERMINAL);
    ecr.dropConnections();
    ecr.complete(true);
    const paid = await counter.waitForPayment(started.id, settled);
    const order = fake.orders().find((o) => o.reference === started.reference);
    expect(paid.providerRef).toBe(order?.id);
    const refunded = await counter.call('payments.refund', onlineRefund(started.id, 3210, 'Wrong order'));
    expect(refunded.status).toBe('refunded');
  });

  it('cancels on the terminal with TRANSACTION_STOP', async () => {
    const { counter, ecr } = await setup();
    const { started } = await payOneInvoice(counter, 4567, TERMINAL);
    await counter.call('payments.cancel', { paymentId: started.id });
    await until(() => ecr.seen.some((m) => m.type === 'TRANSACTION_STOP'));
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('cancelled');
  });

  it('after a restart, asks the LAN terminal’s history before anything new starts', async () => {
    const { counter, ecr, restart } = await setup();
    const { started } = await payOneInvoice(counter, 5678, TERMINAL);
    await counter.engine.close();
    ecr.complete(true);
    const again = await restart({ dataDir: counter.dataDir });
    cleanups.push(() => again.close());
    expect((await again.call('payments.get', { paymentId: started.id })).status).toBe('approved');
  });
});
