import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import type { BoInvoiceHold } from '../../shared/backoffice/schemas';
import { counterConfig, startTestBackoffice } from '../helpers/backoffice';
import { inspect } from '../helpers/inspect-db';
import { drain, payAndWait } from '../helpers/pay-fast';
import { createTestEngine, type TestEngineConfig, tempDir } from '../helpers/test-engine';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function backoffice(): Promise<BackofficeServer> {
  const server = await startTestBackoffice({ customers: 10 });
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}

interface Counter {
  engine: Engine;
  dataDir: string;
}

async function counter(config: Partial<TestEngineConfig> & Pick<TestEngineConfig, 'backoffice'>): Promise<Counter> {
  const dataDir = tempDir();
  const engine = createTestEngine({
    dataDir,
    demo: true,
    demoBesideRealForTests: true,
    autoSync: false,
    sandboxPhaseMs: 1,
    pollIntervalMs: 1,
    log: () => {},
    ...config,
  });
  cleanups.push(() => engine.close());
  await engine.start();
  return { engine, dataDir };
}

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as T;
}

interface Inv {
  id: string;
  number: string;
  outstandingMinor: number;
}

const startInput = (invoice: Inv, customerId: string, minor = invoice.outstandingMinor) => ({
  requestId: randomUUID(),
  customerId,
  invoiceIds: [invoice.id],
  amount: { minor, currency: 'EUR' },
  terminalId: 'sandbox-1',
});

async function holdOf(server: BackofficeServer, paymentId: string, status: BoInvoiceHold['status']) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const hold = server.store.holds.holds().find((h) => h.paymentId === paymentId);
    if (hold?.status === status) return hold;
    if (Date.now() > deadline) throw new Error(`hold of ${paymentId} is ${hold?.status ?? 'missing'}, not ${status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('invoice holds: the same invoice at two counters', () => {
  it('tells the second counter, naming the station, before any card is charged there', async () => {
    const server = await backoffice();
    const one = await counter({ backoffice: counterConfig(server, 'C1') });
    const two = await counter({ backoffice: counterConfig(server, 'C2') });
    const [invoice] = await call<Inv[]>(one.engine, 'invoices.open', { customerId: 'cust-100002' });
    if (!invoice) throw new Error('no invoice');

    // Both cashiers press Pay for the same invoice at the same moment.
    const [a, b] = await Promise.all([
      one.engine.dispatch('payments.start', startInput(invoice, 'cust-100002')),
      two.engine.dispatch('payments.start', startInput(invoice, 'cust-100002')),
    ]);
    const results = [
      { counter: one, station: 'C1', result: a },
      { counter: two, station: 'C2', result: b },
    ];
    const winners = results.filter((r) => r.result.ok);
    const losers = results.filter((r) => !r.result.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const [winner] = winners;
    const [loser] = losers;
    if (!winner || !loser || loser.result.ok) throw new Error('unreachable');

    expect(loser.result.error.code).toBe('invoice_held_elsewhere');
    expect(loser.result.error.params).toMatchObject({ invoice: invoice.number, station: winner.station });
    // Nothing ever reached the losing counter's terminal.
    expect(inspect(loser.counter.dataDir).terminalTransactions()).toBe(0);
    // Its attempt is closed, with the reason on record.
    const [closed] = await call<{ status: string; failureReason: string }[]>(
      loser.counter.engine,
      'payments.today',
      {},
    );
    expect(closed).toMatchObject({ status: 'failed', failureReason: 'invoice_held_elsewhere' });

    // The winner charges, converts its hold, and its payment record settles it.
    const won = winner.result.ok ? (winner.result.value as { id: string }) : null;
    if (!won) throw new Error('unreachable');
    const paid = await waitFinal(winner.counter.engine, won.id);
    expect(paid).toBe('approved');
    await holdOf(server, won.id, 'converted');
    await drain(winner.counter.engine);
    await holdOf(server, won.id, 'applied');
    expect(server.store.payments().map((p) => p.paymentId)).toEqual([won.id]);
  });

  it('releases the hold when the payment ends unpaid, so the other counter can take the invoice', async () => {
    const server = await backoffice();
    const one = await counter({ backoffice: counterConfig(server, 'C1') });
    const two = await counter({ backoffice: counterConfig(server, 'C2') });
    const invoices = await call<Inv[]>(one.engine, 'invoices.open', { customerId: 'cust-100003' });
    const invoice = invoices.find((i) => i.outstandingMinor > 300);
    if (!invoice) throw new Error('no invoice');
    const declines = Math.floor(invoice.outstandingMinor / 100) * 100 - 100 + 5; // the sandbox declines x.05

    const declined = await payAndWait(one.engine, {
      customerId: 'cust-100003',
      invoiceIds: [invoice.id],
      minor: declines,
    });
    expect(declined.status).toBe('declined');
    await holdOf(server, declined.id, 'released');

    const paid = await payAndWait(two.engine, {
      customerId: 'cust-100003',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(paid.status).toBe('approved');
  });

  it('ignores a hold that has expired', async () => {
    const server = await backoffice();
    const one = await counter({ backoffice: counterConfig(server, 'C1') });
    const [invoice] = await call<Inv[]>(one.engine, 'invoices.open', { customerId: 'cust-100004' });
    if (!invoice) throw new Error('no invoice');
    // Counter C2 held the invoice and vanished (crashed, unplugged): its hold runs out by itself.
    const taken = server.store.holds.take('C2', 'abandoned-attempt-key', {
      paymentId: 'P-abandoned',
      customerId: 'cust-100004',
      currency: 'EUR',
      invoices: [{ invoiceId: invoice.id, amountMinor: invoice.outstandingMinor }],
      expiresInSeconds: 1,
    });
    expect(taken.ok).toBe(true);
    const refused = await one.engine.dispatch('payments.start', startInput(invoice, 'cust-100004'));
    expect(refused.ok ? null : refused.error.code).toBe('invoice_held_elsewhere');

    await new Promise((r) => setTimeout(r, 1_100));
    const paid = await payAndWait(one.engine, {
      customerId: 'cust-100004',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(paid.status).toBe('approved');
  });

  it('goes on when the back-office cannot be reached, and records that other counters were not checked', async () => {
    const server = await backoffice();
    const one = await counter({ backoffice: counterConfig(server, 'C1') });
    const [invoice] = await call<Inv[]>(one.engine, 'invoices.open', { customerId: 'cust-100009' });
    if (!invoice) throw new Error('no invoice');
    server.faults.set({ rate: 0, kinds: [], offline: true });
    await one.engine.sync.runCycle(true);
    // What the payment form reads to say "can't check other counters" before the cashier pays.
    expect(one.engine.status().sync.online).toBe(false);

    const paid = await payAndWait(one.engine, {
      customerId: 'cust-100009',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(paid.status).toBe('approved');
    const events = await call<{ event: string; detail: string | null }[]>(one.engine, 'payments.events', {
      paymentId: paid.id,
    });
    const unchecked = events.find((e) => e.event === 'invoice_hold_unchecked');
    expect(unchecked?.detail).toMatch(/network/);
    expect(events.map((e) => e.event).indexOf('invoice_hold_unchecked')).toBeLessThan(
      events.map((e) => e.event).indexOf('send'),
    );
    expect(server.store.holds.holds()).toHaveLength(0);
  });
});

async function waitFinal(engine: Engine, paymentId: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const payment = await call<{ status: string }>(engine, 'payments.get', { paymentId });
    if (!['recorded', 'sent', 'pending', 'unknown'].includes(payment.status)) return payment.status;
    if (Date.now() > deadline) throw new Error(`payment stuck in ${payment.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
