import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import { counterEngine, startTestBackoffice } from '../helpers/backoffice';
import { payAndWait } from '../helpers/pay-fast';
import type { TestEngineConfig } from '../helpers/test-engine';

/** Delivery on a flaky line: each message backs off on its own, a 429 pauses one endpoint, healing is noticed at once. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function backoffice(): Promise<BackofficeServer> {
  const server = await startTestBackoffice({ customers: 5 });
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}

async function counter(server: BackofficeServer, config: Partial<TestEngineConfig> = {}): Promise<Engine> {
  const engine = counterEngine(server, 'C1', { random: () => 0.5, ...config });
  cleanups.push(() => engine.close());
  await engine.start();
  return engine;
}

async function payInvoices(engine: Engine, count: number): Promise<string[]> {
  const open = (await engine.dispatch('invoices.open', { customerId: 'cust-100001' })) as {
    ok: true;
    value: { id: string; outstandingMinor: number }[];
  };
  const paid: string[] = [];
  for (const invoice of open.value.slice(0, count)) {
    const payment = await payAndWait(engine, {
      customerId: 'cust-100001',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(payment.status).toBe('approved');
    paid.push(payment.id);
  }
  return paid;
}

function count(server: BackofficeServer, prefix: string): number {
  let total = 0;
  for (const [route, n] of server.requestCounts) if (route.startsWith(prefix)) total += n;
  return total;
}

async function until(condition: () => boolean, guardMs: number, what: string): Promise<void> {
  const end = Date.now() + guardMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivery on a flaky line', () => {
  it('one failing message does not stop the others', async () => {
    const server = await backoffice();
    let now = Date.parse('2026-11-23T08:00:00.000Z');
    const engine = await counter(server, { clock: { now: () => new Date(now) } });
    server.faults.set({ rate: 0, kinds: [], offline: true });
    const paid = await payInvoices(engine, 5);
    const [, stuck] = paid;
    if (!stuck) throw new Error('no payments');

    // The line is back, but the second payment's receipt keeps failing with a 503.
    now += 60 * 60_000;
    server.faults.set({ rate: 1, kinds: ['error_503'], only: `PUT /v1/payments/${stuck}/receipt`, seed: 1 });
    await engine.sync.runCycle();

    const delivered = server.store.payments();
    expect(delivered.map((p) => p.paymentId)).toEqual(paid);
    expect(delivered.filter((p) => !p.hasReceipt).map((p) => p.paymentId)).toEqual([stuck]);
    expect(engine.status().sync).toMatchObject({ online: true, waiting: 1, held: 0 });

    // It backs off on its own: another round before it is due does not send it again.
    const attempts = count(server, `PUT /v1/payments/${stuck}/receipt`);
    await engine.sync.runCycle();
    expect(count(server, `PUT /v1/payments/${stuck}/receipt`)).toBe(attempts);

    server.faults.set({ rate: 0, kinds: [] });
    now += 2_000;
    await engine.sync.runCycle();
    expect(server.store.payments().every((p) => p.hasReceipt)).toBe(true);
    expect(engine.status().sync).toMatchObject({ waiting: 0, lastError: null });
  });

  it('a 429 with Retry-After delays only that endpoint', async () => {
    const server = await backoffice();
    let now = Date.parse('2026-11-23T08:00:00.000Z');
    const engine = await counter(server, { clock: { now: () => new Date(now) } });
    server.faults.set({ rate: 0, kinds: [], offline: true });
    const paid = await payInvoices(engine, 4);

    // Receipt uploads are rate limited for a minute; payment records are not.
    now += 60 * 60_000;
    server.faults.set({ rate: 1, kinds: ['rate_limit'], retryAfterSeconds: 60, only: 'PUT /v1/payments/', seed: 1 });
    const postsBefore = count(server, 'POST /v1/payments');
    await engine.sync.runCycle();
    expect(server.store.payments().map((p) => p.paymentId)).toEqual(paid);
    expect(count(server, 'POST /v1/payments') - postsBefore).toBe(paid.length);
    // One receipt heard the 429; the others were not sent into it.
    expect(count(server, 'PUT /v1/payments/')).toBe(1);

    // The endpoint is fine again, but it asked for a minute: nothing goes to it before then.
    server.faults.set({ rate: 0, kinds: [] });
    now += 30_000;
    await engine.sync.runCycle();
    expect(count(server, 'PUT /v1/payments/')).toBe(1);
    expect(server.store.payments().some((p) => p.hasReceipt)).toBe(false);

    now += 31_000;
    await engine.sync.runCycle();
    expect(server.store.payments().every((p) => p.hasReceipt)).toBe(true);
    expect(count(server, 'PUT /v1/payments/')).toBe(1 + paid.length);
  });

  it('after the line heals, delivery resumes with the next probe, and a new approval is tried at once', async () => {
    const server = await backoffice();
    const engine = await counter(server, { autoSync: true, syncIntervalMs: 60_000 });
    server.faults.set({ rate: 0, kinds: [], offline: true });
    const paid = await payInvoices(engine, 3);

    // A long outage: many failed probes (with a round-level backoff, the eighth would wait a minute).
    // The oldest message probes the line: the audit row of the day the first payment opened, or a payment.
    await until(() => count(server, 'POST /v1/') >= 8, 30_000, 'eight probes during the outage');
    expect(engine.status().sync.online).toBe(false);

    // A new approval while offline is tried at once rather than at the next probe.
    const before = count(server, 'POST /v1/payments');
    expect(await payInvoices(engine, 1)).toHaveLength(1);
    await until(() => count(server, 'POST /v1/payments') > before, 5_000, 'an attempt after the approval');

    // The line heals: the next probe succeeds and the backlog moves, with no failed attempt in between.
    server.faults.set({ rate: 0, kinds: [], offline: false });
    const atHeal = count(server, 'POST /v1/payments');
    await until(() => engine.status().sync.waiting === 0, 10_000, 'the backlog to drain after healing');
    expect(server.store.payments()).toHaveLength(paid.length + 1);
    expect(count(server, 'POST /v1/payments') - atHeal).toBe(paid.length + 1);
    expect(engine.status().sync).toMatchObject({ online: true, waiting: 0, lastError: null });
  }, 60_000);
});
