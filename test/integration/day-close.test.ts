import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayCloses } from '../../backoffice/day-closes';
import type { BackofficeServer } from '../../backoffice/server';
import { STATIONS } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { inspect } from '../helpers/inspect-db';
import { drain } from '../helpers/pay-fast';
import { pdfText } from '../helpers/pdf-text';
import { closeAfterEach } from '../helpers/provider-harness';
import { onlineRefund } from '../helpers/provider-tests';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
  type TestEngineConfig,
  tempDir,
} from '../helpers/test-engine';

const cleanups = closeAfterEach();

/** A Danish customer paying in DKK beside the demo's EUR customers: the report never adds currencies. */
function seedDanishCustomer(server: BackofficeServer): void {
  const today = new Date().toISOString().slice(0, 10);
  server.store.seed(
    [
      {
        id: 'cust-dk-1',
        number: '900001',
        name: 'Odense Blomster ApS',
        city: 'Odense',
        email: null,
        phone: null,
        currency: 'DKK',
        language: 'da',
      },
    ],
    [
      {
        id: 'inv-dk-1',
        number: 'DK-0001',
        customerId: 'cust-dk-1',
        issueDate: today,
        dueDate: today,
        amountMinor: 125_000,
        outstandingMinor: 125_000,
        currency: 'DKK',
      },
    ],
  );
}

async function counter(server: BackofficeServer, overrides: Partial<TestEngineConfig> = {}): Promise<TestEngine> {
  const t = await startTestEngine({
    dataDir: tempDir(),
    backoffice: { url: server.url, stationId: 'C1', token: STATIONS.C1 },
    autoSync: false,
    sandboxPhaseMs: 5,
    pollIntervalMs: 5,
    ...overrides,
  });
  cleanups.push(() => t.close());
  return t;
}

async function pay(t: TestEngine, customerId: string, invoiceId: string, minor: number, currency = 'EUR') {
  const started = await t.call(
    'payments.start',
    startInput(customerId, [invoiceId], minor, { amount: { minor, currency } }),
  );
  const payment = await t.waitForPayment(started.id, isFinal);
  expect(payment.status).toBe('approved');
  return payment;
}

describe('end of day', () => {
  it('the X report equals the payments made: per currency and tender, refunds and voids apart, nothing closed', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 12 });
    seedDanishCustomer(server);
    const t = await counter(server);
    const a = await customerWithOpenInvoices(t, 1, 0);
    const b = await customerWithOpenInvoices(t, 1, 1);
    const [invA] = a.invoices;
    const [invB] = b.invoices;
    if (!invA || !invB) throw new Error('need invoices');
    const kept = await pay(t, a.customer.id, invA.id, invA.outstandingMinor);
    const voided = await pay(t, b.customer.id, invB.id, invB.outstandingMinor);
    const danish = await pay(t, 'cust-dk-1', 'inv-dk-1', 125_000, 'DKK');
    await t.call('payments.refund', onlineRefund(kept.id, 150, 'Damaged plant'));
    await t.waitForPayment(kept.id, (p) => p.status === 'partially_refunded');
    await t.call('payments.void', { requestId: randomUUID(), paymentId: voided.id, note: 'Wrong customer' });

    const x = await t.call('day.xReport', {});
    expect(x).toMatchObject({ kind: 'X', number: 1, closedAt: null, stationId: 'C1' });
    expect(x.currencies.map((c) => c.currency)).toEqual(['DKK', 'EUR']);
    const eur = x.currencies.find((c) => c.currency === 'EUR');
    expect(eur).toMatchObject({
      payments: { count: 1, minor: invA.outstandingMinor },
      refunds: { count: 1, minor: 150 },
      voids: { count: 1, minor: invB.outstandingMinor },
      netMinor: invA.outstandingMinor - 150,
    });
    expect(eur?.tenders).toEqual([
      expect.objectContaining({
        key: 'sandbox/card_terminal/sandbox-1',
        provider: 'sandbox',
        method: 'card_terminal',
        terminalId: 'sandbox-1',
        reported: 'not_offered',
      }),
    ]);
    expect(x.currencies.find((c) => c.currency === 'DKK')).toMatchObject({
      payments: { count: 1, minor: danish.amount.minor },
      refunds: { count: 0, minor: 0 },
      netMinor: 125_000,
    });
    expect(await t.call('day.current', {})).toMatchObject({
      day: { number: 1, state: 'open' },
      mayTakePayments: true,
    });
  });

  it('a waiting outbox blocks the close; after delivery the Z closes, reaches the back-office once, the day refuses payments until the next opens as Z 2', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 12 });
    const t = await counter(server);
    const a = await customerWithOpenInvoices(t, 2);
    const [first, second] = a.invoices;
    if (!first || !second) throw new Error('need invoices');
    const firstStart = startInput(a.customer.id, [first.id], first.outstandingMinor);
    const firstPayment = await t.waitForPayment((await t.call('payments.start', firstStart)).id, isFinal);

    const blocked = await t.refusal('day.close', {});
    expect(blocked).toMatchObject({
      code: 'day_close_blocked',
      params: { blockers: 'outbox_waiting', openPayments: 0 },
    });
    expect((await t.call('day.xReport', {})).blockers).toEqual(['outbox_waiting']);
    await drain(t.engine);

    const closed = await t.call('day.close', {});
    expect(closed.day).toMatchObject({ number: 1, state: 'closed', overrideNote: null });
    expect(closed.report).toMatchObject({ kind: 'Z', number: 1, blockers: [], outboxWaiting: 0 });
    expect(closed.report.currencies[0]).toMatchObject({ currency: 'EUR', netMinor: first.outstandingMinor });
    expect(closed.day.net).toEqual([{ currency: 'EUR', minor: first.outstandingMinor }]);

    // The record reaches the back-office once, even when its answer is lost and it is sent again.
    server.faults.set({ rate: 1, kinds: ['lost_response'] });
    await t.engine.sync.runCycle(true);
    server.faults.set({ rate: 0, kinds: [] });
    expect(server.faults.injected.lost_response).toBeGreaterThan(0);
    await drain(t.engine);
    const records = dayCloses(server.store);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ stationId: 'C1', number: 1, overrideNote: null, openPayments: 0 });
    expect(records[0]?.currencies[0]?.tenders[0]).toMatchObject({
      payments: { count: 1, minor: first.outstandingMinor },
    });
    // Another key for the same station and Z number: the first record stands.
    const again = await fetch(`${server.url}/v1/day-closes`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${STATIONS.C1}`,
        'Kassa-Station': 'C1',
        'Content-Type': 'application/json',
        'Idempotency-Key': 'another-key-for-z-1',
      },
      body: JSON.stringify({ ...records[0], closedBy: 'someone else' }),
    });
    expect(again.status).toBe(200);
    expect(dayCloses(server.store)).toEqual(records);
    const db = inspect(t.dataDir);
    expect(db.outbox().filter((m) => m.kind === 'day.closed')).toHaveLength(1);
    db.close();

    // Closed today: no new payment, nothing sent to a terminal.
    expect(await t.call('day.current', {})).toMatchObject({ mayTakePayments: false, day: { state: 'closed' } });
    const refused = await t.refusal('payments.start', startInput(a.customer.id, [second.id], second.outstandingMinor));
    expect(refused.code).toBe('day_closed');
    // A start repeated after a lost answer is answered with its payment, closed day or not.
    expect((await t.call('payments.start', firstStart)).id).toBe(firstPayment.id);
    expect((await t.call('payments.today', {})).length).toBe(1);
    expect((await t.refusal('day.close', {})).code).toBe('day_not_open');

    const next = await t.call('day.open', {});
    expect(next).toMatchObject({ number: 2, state: 'open', periodStart: closed.day.closedAt });
    expect((await t.refusal('day.open', {})).code).toBe('day_already_open');
    await pay(t, a.customer.id, second.id, second.outstandingMinor);
    const x = await t.call('day.xReport', {});
    expect(x.currencies[0]?.payments).toEqual({ count: 1, minor: second.outstandingMinor });
    expect((await t.call('day.history', { limit: 10 })).map((d) => [d.number, d.state])).toEqual([
      [2, 'open'],
      [1, 'closed'],
    ]);
    // The stored Z does not change with later business.
    expect(await t.call('day.zReport', { number: 1 })).toEqual(closed.report);
  });

  it('an open payment blocks the close; a manager closes anyway with a note; the payment approved afterwards is the next day’s', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 12 });
    // The sandbox terminal takes a few seconds for the card: the payment stays open through the close.
    const t = await counter(server, { sandboxPhaseMs: 800 });
    const a = await customerWithOpenInvoices(t, 1);
    const [invoice] = a.invoices;
    if (!invoice) throw new Error('need an invoice');
    const open = await t.call('payments.start', startInput(a.customer.id, [invoice.id], invoice.outstandingMinor));
    expect(['sent', 'pending']).toContain(open.status);

    const blocked = await t.refusal('day.close', {});
    expect(blocked).toMatchObject({
      code: 'day_close_blocked',
      params: { blockers: 'open_payments', openPayments: 1 },
    });
    const x = await t.call('day.xReport', {});
    expect(x.open.payments.map((p) => p.id)).toEqual([open.id]);

    const note = 'Terminal frozen, payment checked on the Pay. portal tomorrow';
    const closed = await t.call('day.close', { override: { note } });
    expect(closed.day).toMatchObject({ state: 'closed', overrideNote: note });
    expect(closed.report).toMatchObject({ overrideNote: note, blockers: ['open_payments'] });
    expect(closed.report.open.payments).toHaveLength(1);
    await drain(t.engine);
    expect(dayCloses(server.store)[0]).toMatchObject({ overrideNote: note, openPayments: 1 });
    expect(closed.report.currencies).toEqual([]);

    // Approved after the Z: not on it, but on the next day's report (money counts when it is taken).
    expect((await t.waitForPayment(open.id, isFinal)).status).toBe('approved');
    await t.call('day.open', {});
    expect((await t.call('day.xReport', {})).currencies[0]?.payments).toEqual({
      count: 1,
      minor: invoice.outstandingMinor,
    });
    expect(await t.call('day.zReport', { number: 1 })).toEqual(closed.report);
  });

  it('a new calendar day opens by itself with the first payment; the Z PDF shows the totals', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 12 });
    let offsetMs = 0;
    const t = await counter(server, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    expect(await t.call('day.current', {})).toEqual({ day: null, mayTakePayments: true });
    const a = await customerWithOpenInvoices(t, 2);
    const [first, second] = a.invoices;
    if (!first || !second) throw new Error('need invoices');
    await pay(t, a.customer.id, first.id, first.outstandingMinor);
    expect((await t.call('day.current', {})).day).toMatchObject({ number: 1, state: 'open' });
    await drain(t.engine);
    await t.call('day.close', {});

    const pdf = pdfText((await t.call('day.zPdf', { number: 1, language: 'en' })).base64);
    expect(pdf).toContain('Z report 1');
    expect(pdf).toContain('Currency EUR');
    const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(
      first.outstandingMinor / 100,
    );
    expect(pdf).toContain(euros);
    expect(pdf).toContain('not offered');
    const dutch = pdfText((await t.call('day.zPdf', { number: 1, language: 'nl' })).base64);
    expect(dutch).toContain('Z-rapport 1');

    offsetMs = 24 * 3_600_000;
    expect((await t.call('day.current', {})).mayTakePayments).toBe(true);
    await pay(t, a.customer.id, second.id, second.outstandingMinor);
    expect((await t.call('day.current', {})).day).toMatchObject({ number: 2, state: 'open' });
  });
});
