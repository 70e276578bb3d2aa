import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Clock } from '../../electron/core/clock';
import { counterConfig } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { inspect } from '../helpers/inspect-db';
import { drain } from '../helpers/pay-fast';
import { pdfText } from '../helpers/pdf-text';
import { closeAfterEach } from '../helpers/provider-harness';
import { onlineRefund } from '../helpers/provider-tests';
import { sandboxTransaction, setSandboxKnob } from '../helpers/sandbox-knobs';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
  tempDir,
} from '../helpers/test-engine';

const cleanups = closeAfterEach();

const backoffice = () => backofficeClosedAfter(cleanups, { customers: 20 });

async function counter(server: BackofficeServer, clock?: Clock): Promise<TestEngine> {
  const t = await startTestEngine({
    dataDir: tempDir(),
    backoffice: counterConfig(server, 'C1'),
    autoSync: false,
    sandboxPhaseMs: 5,
    pollIntervalMs: 5,
    ...(clock ? { clock } : {}),
  });
  cleanups.push(() => t.close());
  return t;
}

/** One invoice paid in full on the sandbox terminal. */
async function paidInvoice(t: TestEngine, skip = 0) {
  const { customer, invoices } = await customerWithOpenInvoices(t, 1, skip);
  const invoice = invoices[0];
  if (!invoice) throw new Error('no invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  const payment = await t.waitForPayment(started.id, isFinal);
  expect(payment.status).toBe('approved');
  expect(payment.voidable).toBe(true);
  return { customer, invoice, payment };
}

const voidInput = (paymentId: string, note = 'Wrong customer at the counter') => ({
  requestId: randomUUID(),
  paymentId,
  note,
});

function backofficeVoids(server: BackofficeServer) {
  return server.store.db
    .prepare('SELECT refund_id AS id, payment_id AS paymentId, record FROM refunds WHERE record LIKE \'%"void"%\'')
    .all() as { id: string; paymentId: string; record: string }[];
}

describe('same-day void', () => {
  it('voids a synced payment: invoices owe again here and at the back-office, which gets the void once', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { customer, invoice, payment } = await paidInvoice(t);
    await drain(t.engine);
    expect(server.store.invoice(invoice.id)).toMatchObject({ outstandingMinor: 0, status: 'paid' });

    const press = voidInput(payment.id);
    const voided = await t.call('payments.void', press);
    expect(voided).toMatchObject({ status: 'voided', voidStatus: 'voided', voidable: false });
    const open = await t.call('invoices.open', { customerId: customer.id });
    expect(open.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    expect(sandboxTransaction(t.dataDir, payment.reference)?.voided_at).not.toBeNull();

    // The void's answer is lost once on the way back: sent again under the same key, recorded once.
    server.faults.set({ rate: 1, kinds: ['lost_response'] });
    await t.engine.sync.runCycle(true);
    server.faults.set({ rate: 0, kinds: [] });
    expect(server.faults.injected.lost_response).toBeGreaterThan(0);
    await drain(t.engine);
    const voids = backofficeVoids(server);
    expect(voids).toHaveLength(1);
    expect(JSON.parse(voids[0]?.record ?? '{}')).toMatchObject({
      paymentId: payment.id,
      kind: 'void',
      amount: { minor: invoice.outstandingMinor, currency: 'EUR' },
    });
    expect(server.store.invoice(invoice.id)).toMatchObject({
      outstandingMinor: invoice.outstandingMinor,
      status: 'open',
    });
    // After the pull the counter still shows the invoice open, at its full amount.
    const pulled = await t.call('invoices.open', { customerId: customer.id });
    expect(pulled.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    const db = inspect(t.dataDir);
    expect(db.outbox().filter((m) => m.kind === 'payment.voided')).toHaveLength(1);
    db.close();

    // The same press again returns the void without asking the terminal again.
    expect((await t.call('payments.void', press)).status).toBe('voided');
    expect(sandboxTransaction(t.dataDir, payment.reference)?.void_requests).toBe(1);
    // Voided once: another press is refused, and the receipt says voided.
    expect((await t.refusal('payments.void', voidInput(payment.id))).code).toBe('cannot_void');
    const receipt = await t.call('receipts.pdf', { paymentId: payment.id, locale: 'en' });
    expect(pdfText(receipt.base64)).toContain('Voided');
  });

  it('voids a payment the back-office has not seen yet: both records arrive, in order, and cancel out', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { customer, invoice, payment } = await paidInvoice(t, 1);
    await t.call('payments.void', voidInput(payment.id));
    expect(
      (await t.call('invoices.open', { customerId: customer.id })).find((i) => i.id === invoice.id)?.outstandingMinor,
    ).toBe(invoice.outstandingMinor);

    await drain(t.engine);
    expect(server.store.payments().filter((p) => p.paymentId === payment.id)).toHaveLength(1);
    expect(backofficeVoids(server)).toHaveLength(1);
    expect(server.store.invoice(invoice.id)).toMatchObject({
      outstandingMinor: invoice.outstandingMinor,
      status: 'open',
    });
    expect(
      (await t.call('invoices.open', { customerId: customer.id })).find((i) => i.id === invoice.id)?.outstandingMinor,
    ).toBe(invoice.outstandingMinor);
  });

  it('settles a void whose answer was lost by asking for the status, without sending it again', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { payment } = await paidInvoice(t);
    setSandboxKnob(t.dataDir, 'void_answer', 'lost');

    const result = await t.call('payments.void', voidInput(payment.id));
    expect(result.status).toBe('voided');
    expect(sandboxTransaction(t.dataDir, payment.reference)?.void_requests).toBe(1);
    const events = (await t.call('payments.events', { paymentId: payment.id })).map((e) => e.event);
    expect(events.slice(-3)).toEqual(['void_requested', 'void_answer_lost', 'void']);
  });

  it('keeps the payment when a void never reached the provider (the status still says approved)', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { customer, invoice, payment } = await paidInvoice(t);
    setSandboxKnob(t.dataDir, 'void_answer', 'dropped');

    const result = await t.call('payments.void', voidInput(payment.id));
    expect(result).toMatchObject({ status: 'approved', voidStatus: 'failed' });
    expect(sandboxTransaction(t.dataDir, payment.reference)?.void_requests).toBe(0);
    expect((await t.call('invoices.open', { customerId: customer.id })).map((i) => i.id)).not.toContain(invoice.id);
    const db = inspect(t.dataDir);
    expect(db.outbox().filter((m) => m.kind === 'payment.voided')).toHaveLength(0);
    db.close();
  });

  it('refuses with void_too_late once the acquirer settled, and the payment can still be refunded', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { customer, invoice, payment } = await paidInvoice(t);
    setSandboxKnob(t.dataDir, 'void_answer', 'too_late');

    const refusal = await t.refusal('payments.void', voidInput(payment.id));
    expect(refusal.code).toBe('void_too_late');
    const after = await t.call('payments.get', { paymentId: payment.id });
    expect(after).toMatchObject({ status: 'approved', voidStatus: 'too_late' });
    expect(after.refundKinds).toContain('online');
    // Settled: the screen offers the refund, no longer a void the provider would refuse again.
    expect(after.voidable).toBe(false);
    expect(await t.refusal('payments.void', voidInput(payment.id))).toMatchObject({
      code: 'cannot_void',
      params: { reason: 'settled' },
    });
    expect((await t.call('invoices.open', { customerId: customer.id })).map((i) => i.id)).not.toContain(invoice.id);
    const db = inspect(t.dataDir);
    expect(db.outbox().filter((m) => m.kind === 'payment.voided')).toHaveLength(0);
    db.close();
  });

  it('refuses a payment from an earlier day and a refunded one, without asking the provider', async () => {
    const server = await backoffice();
    let offsetMs = 0;
    const t = await counter(server, { now: () => new Date(Date.now() + offsetMs) });
    const { payment } = await paidInvoice(t);
    const { payment: refunded } = await paidInvoice(t, 1);
    await t.call('payments.refund', onlineRefund(refunded.id, 100, 'Damaged plant'));
    expect(await t.refusal('payments.void', voidInput(refunded.id))).toMatchObject({
      code: 'cannot_void',
      params: { reason: 'refunded' },
    });

    offsetMs = 24 * 3_600_000;
    expect((await t.call('payments.get', { paymentId: payment.id })).voidable).toBe(false);
    expect(await t.refusal('payments.void', voidInput(payment.id))).toMatchObject({
      code: 'cannot_void',
      params: { reason: 'not_today' },
    });
    expect(sandboxTransaction(t.dataDir, payment.reference)?.void_requests).toBe(0);
  });

  it('refuses a refund while a void of the same payment waits for its answer', async () => {
    const server = await backoffice();
    const t = await counter(server);
    const { payment } = await paidInvoice(t);
    const db = new Database(join(t.dataDir, 'kassa.sqlite'));
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO voids (id, payment_id, request_id, note, status, created_at, updated_at)
       VALUES ('V-WAITING', ?, ?, 'answer lost', 'unknown', ?, ?)`,
    ).run(payment.id, randomUUID(), at, at);
    db.close();
    const refusal = await t.refusal('payments.refund', {
      requestId: randomUUID(),
      paymentId: payment.id,
      amount: { minor: payment.amount.minor, currency: 'EUR' },
      kind: 'online',
      reason: 'Returned',
    });
    expect(refusal.code).toBe('cannot_refund');
    expect((await t.call('payments.get', { paymentId: payment.id })).voidable).toBe(false);
  });

  it('settles a void left sent by a crash on the next start, by asking', async () => {
    const server = await backoffice();
    const dataDir = tempDir();
    const first = await startTestEngine({ dataDir, backoffice: counterConfig(server, 'C1'), autoSync: false });
    const { payment } = await paidInvoice(first);
    // The counter stopped right after committing "sent"; the terminal had done the void.
    const db = new Database(join(dataDir, 'kassa.sqlite'));
    db.prepare(
      `INSERT INTO voids (id, payment_id, request_id, note, status, created_at, updated_at)
       VALUES ('V-CRASH', ?, ?, 'crash test', 'sent', ?, ?)`,
    ).run(payment.id, randomUUID(), new Date().toISOString(), new Date().toISOString());
    db.close();
    const device = new Database(join(dataDir, 'sandbox-terminal.sqlite'));
    device.prepare('UPDATE sandbox_tx SET voided_at = ? WHERE reference = ?').run(Date.now(), payment.reference);
    device.close();
    await first.close();

    const second = await startTestEngine({ dataDir, backoffice: counterConfig(server, 'C1'), autoSync: false });
    cleanups.push(() => second.close());
    await expect.poll(async () => (await second.call('payments.get', { paymentId: payment.id })).status).toBe('voided');
  });
});
