import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspect } from '../helpers/inspect-db';
import { sandboxTransaction, setSandboxKnob } from '../helpers/sandbox-knobs';
import { startSandboxOutcome } from '../helpers/sandbox-payment';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../helpers/test-engine';

const PHASE_MS = 40;
let t: TestEngine;
beforeEach(async () => {
  t = await startTestEngine({ sandboxPhaseMs: PHASE_MS });
});
afterEach(() => t.close());

describe('cancel pressed while the start request is still on its way', () => {
  it('records the cancel at once and aborts the moment the provider answers the start', async () => {
    // The start request takes 300 ms to reach the terminal; the terminal would approve 4 phases later.
    setSandboxKnob(t.dataDir, 'start_transit_ms', '300');
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');

    const starting = t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    await expect.poll(async () => (await t.call('payments.active', {})).map((p) => p.status)).toEqual(['sent']);
    const [inFlight] = await t.call('payments.active', {});
    if (!inFlight) throw new Error('no payment in flight');
    expect(inFlight.providerRef).toBeNull();

    const cancelled = await t.call('payments.cancel', { paymentId: inFlight.id });
    // Recorded durably before the provider has even heard of the payment.
    expect(cancelled.cancelRequested).toBe(true);
    const before = inspect(t.dataDir);
    expect(before.events(inFlight.id).map((e) => `${e.event}:${e.to}`)).toContain('cancel_requested:sent');
    before.close();

    await starting;
    const done = await t.waitForPayment(inFlight.id, isFinal);
    expect(done.status).not.toBe('approved');
    expect(done.status).toBe('cancelled');

    // The terminal got the abort right after the start, long before it could have taken the card.
    const tx = sandboxTransaction(t.dataDir, inFlight.reference);
    expect(tx?.cancelled_at).not.toBeNull();
    expect((tx?.cancelled_at ?? Number.POSITIVE_INFINITY) - (tx?.started_at ?? 0)).toBeLessThan(2 * PHASE_MS);

    const after = await t.call('invoices.open', { customerId: customer.id });
    expect(after.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    const db = inspect(t.dataDir);
    expect(db.outbox()).toHaveLength(0);
    db.close();
  });
});

describe('Cancel on the screen while Pay is still on its way (by the request id)', () => {
  it('never sends a payment cancelled before it was recorded: nothing reaches the terminal', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    const input = startInput(customer.id, [invoice.id], invoice.outstandingMinor);

    const starting = t.call('payments.start', input);
    // The screen has only the request id; the core has not recorded the attempt yet.
    expect(await t.call('payments.cancelStart', { requestId: input.requestId })).toBeNull();
    const closed = await starting;
    expect(closed).toMatchObject({ status: 'failed', failureReason: 'cancelled_before_send' });
    expect(sandboxTransaction(t.dataDir, closed.reference)).toBeUndefined();
    const open = await t.call('invoices.open', { customerId: customer.id });
    expect(open.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
  });

  it('aborts a start in flight the moment the terminal has it', async () => {
    setSandboxKnob(t.dataDir, 'start_transit_ms', '300');
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    const input = startInput(customer.id, [invoice.id], invoice.outstandingMinor);

    const starting = t.call('payments.start', input);
    await expect.poll(async () => (await t.call('payments.active', {})).map((p) => p.status)).toEqual(['sent']);
    const cancelled = await t.call('payments.cancelStart', { requestId: input.requestId });
    expect(cancelled?.cancelRequested).toBe(true);
    const started = await starting;
    const done = await t.waitForPayment(started.id, isFinal);
    expect(done.status).toBe('cancelled');
    expect(sandboxTransaction(t.dataDir, started.reference)?.cancelled_at).not.toBeNull();
  });
});

describe('a cancel recorded just before the counter stopped', () => {
  it('is sent to the provider on the next start, so the card is not taken', async () => {
    // ,08: the terminal waits long for the card (14 phases) before it approves.
    const { started } = await startSandboxOutcome(t, 8);
    expect(started.status).toBe('pending');
    await t.close();
    // The cancel committed, then the counter died before the abort left it.
    const db = new Database(join(t.dataDir, 'kassa.sqlite'));
    db.prepare('UPDATE payments SET cancel_requested = 1 WHERE id = ?').run(started.id);
    db.close();

    t = await startTestEngine({ dataDir: t.dataDir, sandboxPhaseMs: PHASE_MS });
    const done = await t.waitForPayment(started.id, isFinal);
    expect(done.status).toBe('cancelled');
    expect(sandboxTransaction(t.dataDir, started.reference)?.cancelled_at).not.toBeNull();
  });
});
