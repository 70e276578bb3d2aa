import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { counterConfig, STATIONS } from '../helpers/backoffice';
import { startShopBackoffice } from '../helpers/real-backoffice';
import {
  createTestEngine,
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
  tempDir,
} from '../helpers/test-engine';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function demoCounter(overrides: Parameters<typeof startTestEngine>[0] = {}): Promise<TestEngine> {
  const t = await startTestEngine({ demoBesideRealForTests: false, autoSync: false, ...overrides });
  cleanups.push(() => t.close());
  return t;
}

async function shopBackoffice(): Promise<BackofficeServer> {
  const server = await startShopBackoffice();
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}

/** A demo payment, approved on the sandbox terminal; its message waits in the outbox (autoSync off). */
async function approvedDemoPayment(t: TestEngine): Promise<string> {
  const { customer, invoices } = await customerWithOpenInvoices(t, 1);
  const invoice = invoices[0];
  if (!invoice) throw new Error('no invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  await t.waitForPayment(started.id, (p) => p.status === 'approved');
  return started.id;
}

const archives = (dataDir: string) => {
  try {
    return readdirSync(join(dataDir, 'archive'));
  } catch {
    return [];
  }
};

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('switching back-office never mixes books', () => {
  it('pulls a new back-office whose change sequence is below the demo cursor', async () => {
    const t = await demoCounter();
    expect((await t.call('customers.search', { query: '100002' })).length).toBe(1);
    const server = await shopBackoffice();

    await t.call('backoffice.configure', { url: server.url, stationId: 'C1', token: STATIONS.C1 });
    await t.engine.sync.runCycle();

    expect(t.engine.status().sync).toMatchObject({ online: true, lastError: null });
    const shop = await t.call('customers.search', { query: 'Kwekerij Echt' });
    expect(shop.map((c) => c.number).sort()).toEqual(['900001', '900002', '900003']);
    expect(await t.call('customers.search', { query: '100002' })).toEqual([]);
    expect((await t.call('invoices.open', { customerId: 'shop-1' })).map((i) => i.number)).toEqual(['7700000001']);
  });

  it('is refused while a payment waits in the outbox, and allowed once it is delivered', async () => {
    const t = await demoCounter();
    await approvedDemoPayment(t);
    expect(t.engine.status().sync.waiting).toBeGreaterThan(0);
    const server = await shopBackoffice();
    const input = { url: server.url, stationId: 'C1', token: STATIONS.C1 };

    const refused = await t.refusal('backoffice.configure', input);
    expect(refused.code).toBe('backoffice_switch_blocked');
    expect(refused.message).toMatch(/not delivered/);
    expect(await t.call('backoffice.settings', {})).toMatchObject({ source: 'demo' });
    expect(t.engine.status().mode).toBe('demo');
    // Saving real provider credentials would end the demo too: refused for the same reason.
    const vipps = await t.refusal('providers.settings.save', {
      providerId: 'vipps',
      values: {
        clientId: 'real-client-id-0001',
        merchantSerialNumber: '123456',
        testMode: true,
        clientSecret: 'real-client-secret-0001',
        subscriptionKey: 'real-subscription-key-0001',
      },
    });
    expect(vipps.code).toBe('backoffice_switch_blocked');
    expect((await t.call('providers.settings.list', {})).providers.find((p) => p.providerId === 'vipps')?.source).toBe(
      'demo',
    );

    await t.engine.sync.runCycle();
    expect(t.engine.status().sync.waiting).toBe(0);
    expect(await t.call('backoffice.configure', input)).toMatchObject({ source: 'settings' });
    await t.engine.sync.runCycle();
    // The demo payment went to the demo back-office only.
    expect(server.store.payments()).toEqual([]);
  });

  it('is refused while a payment is still open on a terminal', async () => {
    const t = await demoCounter();
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    // ,08: the sandbox terminal approves only after a long wait.
    const slow = Math.floor(invoice.outstandingMinor / 100) * 100 - 100 + 8;
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], slow));
    const server = await shopBackoffice();

    const refused = await t.refusal('backoffice.configure', { url: server.url, stationId: 'C1', token: STATIONS.C1 });
    expect(refused.code).toBe('backoffice_switch_blocked');
    expect(refused.params).toMatchObject({ openPayments: 1 });
    await t.call('payments.cancel', { paymentId: started.id });
    await t.waitForPayment(started.id, isFinal);
  });

  it('starts clean: the old books are copied to an archive named after the old back-office, not deleted', async () => {
    const t = await demoCounter();
    const paymentId = await approvedDemoPayment(t);
    await t.engine.sync.runCycle();
    const demoCustomers = (await t.call('customers.search', { query: 'b' })).length;
    const first = await shopBackoffice();

    await t.call('backoffice.configure', { url: first.url, stationId: 'C1', token: STATIONS.C1 });

    const [demoArchive, ...more] = archives(t.dataDir);
    expect(more).toEqual([]);
    expect(demoArchive).toMatch(/^books-demo-.*\.sqlite$/);
    const demoFile = join(t.dataDir, 'archive', demoArchive ?? '');
    expect(count(demoFile, 'SELECT count(*) AS n FROM customers')).toBeGreaterThanOrEqual(demoCustomers);
    expect(count(demoFile, `SELECT count(*) AS n FROM payments WHERE id = '${paymentId}'`)).toBe(1);
    expect(count(demoFile, "SELECT count(*) AS n FROM settings WHERE key LIKE 'sync.cursor.%'")).toBe(2);
    // The live books hold nothing of the demo's: no customers, payments, outbox or cursors.
    const live = join(t.dataDir, 'kassa.sqlite');
    expect(count(live, 'SELECT count(*) AS n FROM customers')).toBe(0);
    expect(count(live, 'SELECT count(*) AS n FROM payments')).toBe(0);
    // The audit trail is the counter's, not the books' (ADR 0016): its rows, the switch's own among
    // them, go on to the new back-office; nothing else of the old outbox stays.
    expect(count(live, "SELECT count(*) AS n FROM outbox WHERE kind <> 'audit_event'")).toBe(0);
    expect(count(live, "SELECT count(*) AS n FROM audit_events WHERE action = 'settings.backoffice.save'")).toBe(1);
    expect(count(live, "SELECT count(*) AS n FROM settings WHERE key LIKE 'sync.cursor.%'")).toBe(0);
    expect(await t.call('payments.today', {})).toEqual([]);
    expect(count(live, "SELECT count(*) AS n FROM books_archives WHERE kind = 'demo'")).toBe(1);
    // Receipts of real payments do not carry the demo shop's name and VAT number.
    expect(count(live, "SELECT count(*) AS n FROM settings WHERE key LIKE 'company.%'")).toBe(0);

    // real → another real: archived under the first one's address and station.
    await t.engine.sync.runCycle();
    const second = await shopBackoffice();
    await t.call('backoffice.configure', { url: second.url, stationId: 'C2', token: STATIONS.C2 });
    const port = new URL(first.url).port;
    expect(archives(t.dataDir).filter((f) => f.startsWith(`books-127.0.0.1-${port}-C1-`))).toHaveLength(1);
    await t.engine.sync.runCycle();
    expect((await t.call('customers.search', { query: 'Kwekerij Echt' })).length).toBe(3);
  });

  it('a restart pointed at another back-office is refused while payments wait for the old one', async () => {
    const dataDir = tempDir();
    const t = await demoCounter({ dataDir });
    await approvedDemoPayment(t);
    await t.close();
    cleanups.pop();
    const server = await shopBackoffice();

    const engine = createTestEngine({ dataDir, demo: true, backoffice: counterConfig(server, 'C1'), log: () => {} });
    cleanups.push(() => engine.close());
    await expect(engine.start()).rejects.toMatchObject({ code: 'backoffice_switch_blocked' });
    expect(engine.status().sync.configured).toBe(false);
    expect(server.store.payments()).toEqual([]);
  });

  it('a demo database from before books had an owner is recognised as the demo books and archived', async () => {
    const dataDir = tempDir();
    const t = await demoCounter({ dataDir });
    await t.close();
    cleanups.pop();
    const raw = new Database(join(dataDir, 'kassa.sqlite'));
    // As a database written before the owner was recorded (on older code the table does not exist).
    const recorded = raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'books_owner'").get();
    if ((recorded as { n: number }).n > 0) raw.prepare('DELETE FROM books_owner').run();
    raw.close();
    const server = await shopBackoffice();

    const engine = createTestEngine({
      dataDir,
      demo: false,
      backoffice: counterConfig(server, 'C1'),
      autoSync: false,
      log: () => {},
    });
    cleanups.push(() => engine.close());
    await engine.start();
    expect(archives(dataDir).filter((f) => f.startsWith('books-demo-'))).toHaveLength(1);
    const found = await engine.dispatch('customers.search', { query: 'Kwekerij Echt' });
    expect(found.ok && (found.value as unknown[]).length).toBe(3);
    const demo = await engine.dispatch('customers.search', { query: '100002' });
    expect(demo).toEqual({ ok: true, value: [] });
  });

  it('is refused while a real back-office holds a payment it refused; not a demo refusal', async () => {
    // A sandbox terminal paying into a real back-office: only tests can mix these.
    const server = await shopBackoffice();
    const t = await demoCounter({ demoBesideRealForTests: true, backoffice: counterConfig(server, 'C1') });
    const [invoice] = await t.call('invoices.open', { customerId: 'shop-1' });
    if (!invoice) throw new Error('no invoice');
    const started = await t.call('payments.start', startInput('shop-1', [invoice.id], invoice.outstandingMinor));
    await t.waitForPayment(started.id, (p) => p.status === 'approved');
    server.store.setInvoice(invoice.id, 0, 'void');
    await t.engine.sync.runCycle(true);
    expect(t.engine.status().sync).toMatchObject({ waiting: 0, held: 1 });
    await t.close();
    cleanups.pop();

    const other = await shopBackoffice();
    const engine = createTestEngine({
      dataDir: t.dataDir,
      demo: false,
      backoffice: counterConfig(other, 'C1'),
      autoSync: false,
      log: () => {},
    });
    cleanups.push(() => engine.close());
    const refusal = await engine.start().then(
      () => null,
      (error: unknown) => error as { code: string; params: { undelivered: number; openPayments: number } },
    );
    expect(refusal?.code).toBe('backoffice_switch_blocked');
    expect(refusal?.params.openPayments).toBe(0);
    expect(refusal?.params.undelivered).toBeGreaterThan(0);
  });

  it('an answer still on its way from the old back-office is dropped, not written into the new books', async () => {
    const t = await demoCounter({ demo: false });
    const old = await shopBackoffice();
    await t.call('backoffice.configure', { url: old.url, stationId: 'C1', token: STATIONS.C1 });
    await t.engine.sync.runCycle();
    // The old back-office gains a customer, and answers slowly.
    old.store.seed(
      [
        {
          id: 'late-1',
          number: '955555',
          name: 'Late Klant',
          city: 'Lisse',
          email: null,
          phone: null,
          currency: 'EUR',
        },
      ],
      [],
    );
    old.faults.set({ rate: 1, kinds: ['latency'], latencyMs: 400 });
    const inFlight = t.engine.sync.runCycle();
    await new Promise((r) => setTimeout(r, 100));

    const next = await shopBackoffice();
    await t.call('backoffice.configure', { url: next.url, stationId: 'C2', token: STATIONS.C2 });
    await inFlight;
    await t.engine.sync.runCycle();

    expect(await t.call('customers.search', { query: 'Late Klant' })).toEqual([]);
    expect((await t.call('customers.search', { query: 'Kwekerij Echt' })).length).toBe(3);
  });
});
