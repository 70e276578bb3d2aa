import { describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { counterConfig } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { inspect } from '../helpers/inspect-db';
import { drain } from '../helpers/pay-fast';
import { closeAfterEach, payOneInvoice, startPayNlCounter } from '../helpers/provider-harness';
import { startSandboxOutcome } from '../helpers/sandbox-payment';
import { startInput, startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

const cleanups = closeAfterEach();

const backoffice = () => backofficeClosedAfter(cleanups, { customers: 20 });

/** A counter on `dataDir`: with the sandbox terminals (demo) or without any configured provider. */
async function counter(dataDir: string, server: BackofficeServer, withSandbox: boolean): Promise<TestEngine> {
  // Short phases: the slow card (14 phases) is over on the terminal itself by the time the counter is back.
  const t = await startTestEngine({
    sandboxPhaseMs: 10,
    dataDir,
    demo: withSandbox,
    backoffice: counterConfig(server, 'C1'),
    autoSync: false,
  });
  let closed = false;
  cleanups.push(() => (closed ? undefined : t.close()));
  const close = async () => {
    closed = true;
    await t.close();
  };
  return { ...t, close };
}

/** A payment left pending on the sandbox terminal (,08: the card is slow) when the counter stops. */
async function pendingPaymentThenStop(t: TestEngine, skip: number) {
  const { customer, invoice, amount, started } = await startSandboxOutcome(t, 8, skip);
  expect(started.status).toBe('pending');
  await t.close();
  return { customer, invoice, payment: started, amount };
}

describe('an open payment whose provider is no longer configured', () => {
  it('shows after a restart without the provider; Not charged frees the invoices and the terminal', async () => {
    const server = await backoffice();
    const dataDir = tempDir();
    const first = await counter(dataDir, server, true);
    const { customer, invoice, payment, amount } = await pendingPaymentThenStop(first, 0);

    // Demo switched off: the sandbox provider is gone. Recovery neither crashes nor polls for ever.
    const second = await counter(dataDir, server, false);
    const [shown] = await second.call('payments.active', {});
    expect(shown).toMatchObject({ id: payment.id, providerConfigured: false });
    const resolved = await second.call('payments.resolve', {
      paymentId: payment.id,
      outcome: 'failed',
      note: 'Terminal screen shows no payment',
    });
    expect(resolved.status).toBe('failed');
    expect(await second.call('payments.active', {})).toEqual([]);
    const open = await second.call('invoices.open', { customerId: customer.id });
    expect(open.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    const events = await second.call('payments.events', { paymentId: payment.id });
    expect(events.at(-1)?.detail).toContain('Terminal screen shows no payment');
    await second.close();

    // The provider back: the terminal and the invoice take a new payment.
    // The device itself finishes the abandoned card transaction (14 phases of 10 ms) first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await counter(dataDir, server, true);
    expect((await third.call('terminals.list', {})).find((x) => x.id === 'sandbox-1')?.busy).toBe(false);
    const again = await third.call('payments.start', startInput(customer.id, [invoice.id], amount));
    expect(again.failureReason).toBeNull();
    expect(again.status).toBe('pending');
  });

  it('Charged allocates the payment and queues it for the back-office exactly once', async () => {
    const server = await backoffice();
    const dataDir = tempDir();
    const first = await counter(dataDir, server, true);
    const { customer, invoice, payment, amount } = await pendingPaymentThenStop(first, 1);

    const second = await counter(dataDir, server, false);
    const charged = await second.call('payments.resolve', {
      paymentId: payment.id,
      outcome: 'approved',
      note: 'Acquirer portal lists it as paid',
    });
    expect(charged.status).toBe('approved');
    expect(
      (await second.refusal('payments.resolve', { paymentId: payment.id, outcome: 'approved', note: 'again' })).code,
    ).toBe('cannot_resolve');
    const open = await second.call('invoices.open', { customerId: customer.id });
    expect(open.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor - amount);

    await drain(second.engine);
    const db = inspect(dataDir);
    expect(db.outbox().filter((m) => m.kind === 'payment.approved' && m.aggregateId === payment.id)).toHaveLength(1);
    db.close();
    const atBackoffice = server.store.payments().filter((p) => p.paymentId === payment.id);
    expect(atBackoffice).toHaveLength(1);
    expect(server.store.invoice(invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor - amount);
  });
});

describe('Pay. credentials removed while a Pay. payment is open', () => {
  const payCleanups = closeAfterEach();

  it('shows it as unknown with the provider no longer configured, and a manager decides it', async () => {
    const { counter, restart } = await startPayNlCounter({ exchangeMode: 'off', cleanups: payCleanups });
    const { started } = await payOneInvoice(counter, 510, 'TH-1000-0001');
    expect(started.status).toBe('pending');
    await counter.engine.close();

    const again = await restart({ dataDir: counter.dataDir, env: {} });
    payCleanups.push(() => again.close());
    const shown = await again.call('payments.get', { paymentId: started.id });
    expect(shown).toMatchObject({ status: 'unknown', providerConfigured: false });
    const resolved = await again.call('payments.resolve', {
      paymentId: started.id,
      outcome: 'failed',
      note: 'Pay. portal: order cancelled',
    });
    expect(resolved.status).toBe('failed');
    expect(await again.call('payments.active', {})).toEqual([]);
  });
});
