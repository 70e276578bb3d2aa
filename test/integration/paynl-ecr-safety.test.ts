import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { LAN_TERMINAL, type LanCounter, startLanCounter } from '../helpers/ecr-harness';
import { closeAfterEach, payOneInvoice, settled, until } from '../helpers/provider-harness';
import { tempDir } from '../helpers/test-engine';

const cleanups = closeAfterEach();

async function outstanding(counter: LanCounter['counter'], customerId: string, invoiceId: string) {
  return (await counter.call('invoices.open', { customerId })).find((i) => i.id === invoiceId)?.outstandingMinor;
}

async function eventsOf(counter: LanCounter['counter'], paymentId: string) {
  return (await counter.call('payments.events', { paymentId })).map((e) => ({
    ...e,
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
  }));
}

/** Status queries at Pay. for one order (by its id or its orderId). */
const statusQueries = (lan: LanCounter, ids: readonly string[]) =>
  lan.fake.seen.filter((r) => ids.some((id) => r.path === `/v1/orders/${encodeURIComponent(id)}/status`)).length;

describe('PAY.ECR: an order a LAN terminal names must be this payment’s own', () => {
  it('refuses another payment’s paid order, notes it in the evidence, and leaves the attempt to Pay. or a manager', async () => {
    const lan = await startLanCounter(cleanups);
    const { counter, ecr, fake } = lan;
    const first = await payOneInvoice(counter, 1111, LAN_TERMINAL);
    ecr.complete(true);
    const paid = await counter.waitForPayment(first.started.id, settled);
    expect(paid.status).toBe('approved');
    const paidOrder = fake.order(paid.providerRef ?? '');
    if (!paidOrder) throw new Error('no paid order');

    const second = await payOneInvoice(counter, 2222, LAN_TERMINAL);
    const before = await outstanding(counter, second.customerId, second.invoice.id);
    // The terminal (or something pretending to be it) names the first payment's order as this one.
    ecr.complete(true, { namesOrder: paidOrder.orderId });
    const held = await counter.waitForPayment(second.started.id, (p) => p.status !== 'pending');
    expect(held.status).toBe('unknown');
    expect(held.providerRef).toBe(`lan:${second.started.reference}`);
    expect(await outstanding(counter, second.customerId, second.invoice.id)).toBe(before);
    const refused = (await eventsOf(counter, second.started.id)).filter((e) => e.event === 'lan_order_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.detail).toMatchObject({
      namedOrder: paidOrder.orderId,
      refused: `belongs_to payment ${first.started.reference}`,
      payOrder: { id: paidOrder.id, reference: first.started.reference, status: '100 PAID' },
    });
    expect((await counter.call('payments.get', { paymentId: first.started.id })).status).toBe('approved');

    // Open for a manager, who records what the terminal's own screen and Pay.'s portal show.
    const resolved = await counter.call('payments.resolve', {
      paymentId: second.started.id,
      outcome: 'failed',
      note: 'No such sale in the Pay. portal',
    });
    expect(resolved.status).toBe('failed');
    expect(await outstanding(counter, second.customerId, second.invoice.id)).toBe(before);
  });

  it.each([
    ['reference_differs', { otherReference: true, amountDelta: 0 }],
    ['amount_differs', { otherReference: false, amountDelta: -1 }],
  ] as const)('refuses a paid order at Pay. that is not this attempt’s (%s)', async (why, lie) => {
    const lan = await startLanCounter(cleanups);
    const { counter, ecr, fake } = lan;
    const { started, customerId, invoice } = await payOneInvoice(counter, 3333, LAN_TERMINAL);
    const before = await outstanding(counter, customerId, invoice.id);
    const foreign = fake.terminalOrder({
      reference: lie.otherReference ? 'OTHERSHOP20261201X1' : started.reference,
      amountMinor: 3333 + lie.amountDelta,
      terminalCode: LAN_TERMINAL,
      paid: true,
    });
    ecr.complete(true, { namesOrder: foreign.orderId });
    const held = await counter.waitForPayment(started.id, (p) => p.status !== 'pending');
    expect(held.status).toBe('unknown');
    expect(await outstanding(counter, customerId, invoice.id)).toBe(before);
    const refused = (await eventsOf(counter, started.id)).find((e) => e.event === 'lan_order_refused');
    expect(refused?.detail).toMatchObject({ refused: why, namedOrder: foreign.orderId });
  });
  it('leaves a refused attempt to Pay.’s own word: a signed exchange for its real order settles it', async () => {
    const lan = await startLanCounter(cleanups, { exchangeMode: 'signed' });
    const { counter, ecr, fake } = lan;
    const { started } = await payOneInvoice(counter, 4321, LAN_TERMINAL);
    const stranger = fake.terminalOrder({
      reference: 'OTHERSHOP20261201X2',
      amountMinor: 4321,
      terminalCode: LAN_TERMINAL,
      paid: true,
    });
    const sent = ecr.seen.find((m) => m.type === 'TRANSACTION_START') as { transaction: { exchangeUrl?: string } };
    ecr.complete(true, { namesOrder: stranger.orderId });
    expect((await counter.waitForPayment(started.id, (p) => p.status !== 'pending')).status).toBe('unknown');
    // Pay. itself reports this payment's own order as paid (the exchange is signed and names our reference).
    const own = fake.terminalOrder({
      reference: started.reference,
      amountMinor: 4321,
      terminalCode: LAN_TERMINAL,
      exchangeUrl: sent.transaction.exchangeUrl ?? null,
      paid: true,
    });
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(paid.providerRef).toBe(own.id);
  });

  it('refuses an id that is a device payment waiting to be assigned, without believing the terminal', async () => {
    const lan = await startLanCounter(cleanups);
    const { counter, ecr, fake } = lan;
    await fake.devicePayment({ terminalCode: LAN_TERMINAL, amountMinor: 8888 });
    const [device] = await counter.call('unmatched.list', {});
    if (!device) throw new Error('the device payment was not recorded');
    const { started } = await payOneInvoice(counter, 8888, LAN_TERMINAL);
    ecr.complete(true, { namesOrder: device.providerRef });
    const held = await counter.waitForPayment(started.id, (p) => p.status !== 'pending');
    expect(held.status).toBe('unknown');
    const refused = (await eventsOf(counter, started.id)).find((e) => e.event === 'lan_order_refused');
    expect(refused?.detail).toMatchObject({ refused: `belongs_to unmatched ${device.id}`, payOrder: null });
    expect((await counter.call('unmatched.list', {})).map((u) => u.id)).toEqual([device.id]);
  });
});

describe('PAY.ECR: a terminal’s “no” is confirmed by Pay. before the counter believes it', () => {
  it('is approved when the terminal says declined but Pay. has the order PAID', async () => {
    const { counter, ecr, fake } = await startLanCounter(cleanups);
    const { started } = await payOneInvoice(counter, 4444, LAN_TERMINAL);
    ecr.complete(false, { cloud: 'paid' });
    const done = await counter.waitForPayment(started.id, settled);
    expect(done.status).toBe('approved');
    expect(done.providerRef).toBe(fake.orders().find((o) => o.reference === started.reference)?.id);
  });

  it('stays pending while Pay. has not decided, and shows the decline once Pay. confirms it', async () => {
    const lan = await startLanCounter(cleanups);
    const { counter, ecr, fake } = lan;
    const { started } = await payOneInvoice(counter, 5555, LAN_TERMINAL);
    ecr.complete(false, { cloud: 'pending' });
    const order = fake.orders().find((o) => o.reference === started.reference);
    if (!order) throw new Error('no order at Pay.');
    await until(() => statusQueries(lan, [order.id, order.orderId]) >= 3);
    const waiting = await counter.call('payments.get', { paymentId: started.id });
    expect(waiting.status).toBe('pending');
    fake.decline(order.id);
    const declined = await counter.waitForPayment(started.id, settled);
    expect(declined.status).toBe('declined');
    const closing = (await eventsOf(counter, started.id)).find((e) => e.toStatus === 'declined');
    expect(String(closing?.detail?.providerStatus)).toContain('Pay. -63');
  });

  it('treats a wrong PIN as a retry (phase pin), not a decline, and is approved when the PIN is right', async () => {
    const { counter, ecr } = await startLanCounter(cleanups);
    const { started } = await payOneInvoice(counter, 6666, LAN_TERMINAL);
    ecr.pin();
    await until(async () => (await counter.call('payments.get', { paymentId: started.id })).phase === 'pin');
    const historyAsked = () => ecr.seen.filter((m) => m.type === 'HISTORY_GET').length;
    const asked = historyAsked();
    ecr.pinError();
    // The counter checks the terminal's history (did the payment end?) and keeps waiting.
    await until(() => historyAsked() >= asked + 3);
    const retrying = await counter.call('payments.get', { paymentId: started.id });
    expect(retrying).toMatchObject({ status: 'pending', phase: 'pin' });
    ecr.pin();
    ecr.complete(true);
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
  });

  it('when a wrong PIN does end the payment, shows it declined only on Pay.’s word', async () => {
    const lan = await startLanCounter(cleanups);
    const { counter, ecr } = lan;
    const { started } = await payOneInvoice(counter, 6767, LAN_TERMINAL);
    ecr.pin();
    await until(async () => (await counter.call('payments.get', { paymentId: started.id })).phase === 'pin');
    ecr.pinError({ ends: true });
    const done = await counter.waitForPayment(started.id, settled);
    expect(done.status).toBe('declined');
    const closing = (await eventsOf(counter, started.id)).find((e) => e.toStatus === 'declined');
    expect(String(closing?.detail?.providerStatus)).toContain('Pay. -63');
  });

  it('takes a “no” with no order at Pay. to ask about, but watches for a late approval as after an abort', async () => {
    const { counter, ecr } = await startLanCounter(cleanups);
    const { started } = await payOneInvoice(counter, 7777, LAN_TERMINAL);
    ecr.complete(false, { cloud: 'none' });
    const declined = await counter.waitForPayment(started.id, settled);
    expect(declined.status).toBe('declined');
    // The terminal's history later shows the payment went through after all.
    ecr.rewriteHistory(started.reference, { state: 'SUCCESS', paidOrder: true });
    const late = await counter.waitForPayment(started.id, (p) => p.status !== 'declined');
    expect(late.status).toBe('paid_after_cancel');
  });
});

describe('one provider id, one payment (migration 0040, on a real SQLite file)', () => {
  const customer =
    "INSERT INTO customers (id, number, name, search_name, city, email, phone, currency) VALUES ('c1','1','A','a','X',NULL,NULL,'EUR')";
  const insertPayment = (db: Database.Database, id: string, providerRef: string | null, createdAt = 'now') =>
    db
      .prepare(
        `INSERT INTO payments (id, request_id, request_hash, reference, idempotency_key, customer_id, amount_minor,
          currency, method, provider, terminal_id, status, provider_ref, created_at, updated_at)
         VALUES (?, ?, 'h', ?, ?, 'c1', 100, 'EUR', 'card_terminal', 'paynl', ?, 'approved', ?, ?, ?)`,
      )
      .run(id, `r-${id}`, `ref-${id}`, `k-${id}`, `t-${id}`, providerRef, createdAt, createdAt);

  it('refuses a second payment row with the same provider_ref; rows without one are fine', () => {
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
    db.prepare(customer).run();
    insertPayment(db, 'p1', 'order-1');
    expect(() => insertPayment(db, 'p2', 'order-1')).toThrow(/UNIQUE/);
    insertPayment(db, 'p3', null);
    insertPayment(db, 'p4', null);
    insertPayment(db, 'p5', 'order-2');
    expect(() => db.prepare("UPDATE payments SET provider_ref = 'order-1' WHERE id = 'p5'").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('upgrades a file whose payments already share an order id: the first keeps it, the others are marked, all noted', () => {
    const file = join(tempDir(), 'kassa.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 30)) migration.up(old);
    old.pragma('user_version = 30');
    old.prepare(customer).run();
    insertPayment(old, 'cloud', 'order-1', '2026-12-01T10:00:00.000Z');
    insertPayment(old, 'lan', 'order-1', '2026-12-01T10:05:00.000Z');
    insertPayment(old, 'other', 'order-2', '2026-12-01T10:06:00.000Z');
    old.close();

    const db = openDatabase(file);
    const ref = (id: string) =>
      (db.prepare('SELECT provider_ref AS r FROM payments WHERE id = ?').get(id) as { r: string }).r;
    expect(ref('cloud')).toBe('order-1');
    expect(ref('lan')).toBe('shared:lan:order-1');
    expect(ref('other')).toBe('order-2');
    const noted = db
      .prepare("SELECT payment_id AS id, detail FROM payment_events WHERE event = 'provider_ref_shared' ORDER BY id")
      .all() as { id: string; detail: string }[];
    expect(noted.map((n) => n.id).sort()).toEqual(['cloud', 'lan']);
    expect(JSON.parse(noted[0]?.detail ?? '{}')).toMatchObject({ providerRef: 'order-1', keptBy: 'cloud' });
    expect(() => insertPayment(db, 'again', 'order-1')).toThrow(/UNIQUE/);
    db.close();
  });
});
