import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspect } from '../helpers/inspect-db';
import { sandboxAmount, startSandboxOutcome } from '../helpers/sandbox-payment';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../helpers/test-engine';

let t: TestEngine;
beforeEach(async () => {
  t = await startTestEngine();
});
afterEach(() => t.close());

describe('a counter payment on the sandbox terminal', () => {
  it('pays one invoice in full: approved, invoice leaves the open list, one outbox message', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 2);
    const [invoice] = invoices;
    if (!invoice) throw new Error('no invoice');
    const phases: string[] = [];
    t.engine.subscribe((e) => {
      if (e.type === 'payment.updated') phases.push(e.payment.phase ?? e.payment.status);
    });

    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    expect(started.status).toBe('pending');
    expect(started.providerRef).toMatch(/^SBX-/);
    const done = await t.waitForPayment(started.id, isFinal);

    expect(done.status).toBe('approved');
    expect(done.cardLast4).toMatch(/^\d{4}$/);
    expect(phases).toEqual(expect.arrayContaining(['waiting_card', 'pin', 'processing', 'approved']));
    expect(phases.indexOf('pin')).toBeGreaterThan(phases.indexOf('waiting_card'));
    const open = await t.call('invoices.open', { customerId: customer.id });
    expect(open.map((i) => i.id)).not.toContain(invoice.id);

    const db = inspect(t.dataDir);
    const outbox = db.outbox();
    db.close();
    expect(outbox.map((m) => m.kind)).toEqual(['payment.approved', 'payment.receipt']);
    expect(JSON.parse(outbox[0]?.payload ?? '{}')).toMatchObject({
      paymentId: done.id,
      amount: { minor: invoice.outstandingMinor, currency: 'EUR' },
      allocations: [{ invoiceId: invoice.id, amountMinor: invoice.outstandingMinor }],
    });

    // The outbox drains to the embedded demo back-office by itself.
    await expect.poll(async () => (await t.call('system.status', {})).sync.waiting, { timeout: 10_000 }).toBe(0);
    const after = inspect(t.dataDir);
    const atBackoffice = after.backofficePayments();
    after.close();
    expect(atBackoffice).toHaveLength(1);
    expect(atBackoffice[0]).toMatchObject({ paymentId: done.id, hasReceipt: 1 });
    expect(JSON.parse(atBackoffice[0]?.record ?? '{}')).toMatchObject({ card: { last4: done.cardLast4 } });
  });

  it('splits a partial amount over two invoices, oldest due first, and shows what remains', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 3);
    const [older, newer] = invoices;
    if (!older || !newer) throw new Error('need two invoices');
    const amount = older.outstandingMinor + Math.floor(newer.outstandingMinor / 2);
    const safeAmount = amount % 100 >= 5 && amount % 100 <= 9 ? amount + 10 : amount;

    const started = await t.call('payments.start', startInput(customer.id, [newer.id, older.id], safeAmount));
    const done = await t.waitForPayment(started.id, isFinal);

    expect(done.status).toBe('approved');
    expect(done.allocations).toEqual([
      { invoiceId: older.id, invoiceNumber: older.number, amountMinor: older.outstandingMinor, remainingMinor: 0 },
      {
        invoiceId: newer.id,
        invoiceNumber: newer.number,
        amountMinor: safeAmount - older.outstandingMinor,
        remainingMinor: newer.outstandingMinor - (safeAmount - older.outstandingMinor),
      },
    ]);
    const open = await t.call('invoices.open', { customerId: customer.id });
    expect(open.find((i) => i.id === newer.id)?.outstandingMinor).toBe(
      newer.outstandingMinor - (safeAmount - older.outstandingMinor),
    );
    expect(open.find((i) => i.id === older.id)).toBeUndefined();
  });

  it.each([
    [5, 'declined'],
    [6, 'cancelled'],
    [7, 'expired'],
  ] as const)('ends a payment of ,%s as %s and leaves the invoices untouched', async (cents, status) => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices.find((i) => i.outstandingMinor > 100);
    if (!invoice) throw new Error('no invoice');
    const amount = sandboxAmount(invoice.outstandingMinor, cents);
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], amount));
    const done = await t.waitForPayment(started.id, isFinal);
    expect(done.status).toBe(status);
    const after = await t.call('invoices.open', { customerId: customer.id });
    expect(after.find((i) => i.id === invoice.id)?.outstandingMinor).toBe(invoice.outstandingMinor);
    const db = inspect(t.dataDir);
    expect(db.outbox()).toHaveLength(0);
    db.close();
  });

  it('lets the cashier cancel while the terminal waits for the card', async () => {
    const { started } = await startSandboxOutcome(t, 8);
    const cancelled = await t.call('payments.cancel', { paymentId: started.id });
    expect(cancelled.cancelRequested).toBe(true);
    const done = await t.waitForPayment(started.id, isFinal);
    expect(done.status).toBe('cancelled');
    expect((await t.refusal('payments.cancel', { paymentId: started.id })).code).toBe('cannot_cancel');
  });

  it('resolves a lost start answer by asking the terminal, and charges once', async () => {
    const { started } = await startSandboxOutcome(t, 9);
    expect(started.status).toBe('unknown');
    const done = await t.waitForPayment(started.id, isFinal);
    expect(done.status).toBe('approved');

    const db = inspect(t.dataDir);
    expect(db.terminalTransactions()).toBe(1);
    expect(db.outbox().filter((m) => m.kind === 'payment.approved')).toHaveLength(1);
    const events = db.events(started.id).map((e) => `${e.event}:${e.to}`);
    db.close();
    expect(events.slice(0, 3)).toEqual(['recorded:recorded', 'send:sent', 'response_lost:unknown']);
    expect(events.filter((e) => e.startsWith('send'))).toHaveLength(1);
  });

  it('returns the same payment for a repeated Pay request instead of charging twice', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('no invoice');
    const input = startInput(customer.id, [invoice.id], invoice.outstandingMinor);
    const [first, second] = await Promise.all([t.call('payments.start', input), t.call('payments.start', input)]);
    expect(second.id).toBe(first.id);
    const db = inspect(t.dataDir);
    expect(db.payments()).toBe(1);
    expect(db.terminalTransactions()).toBe(1);
    db.close();
  });
});

describe('refused input: nothing stored, nothing sent', () => {
  const refusedCases: [
    string,
    (c: { id: string }, inv: { id: string; outstandingMinor: number }[]) => unknown,
    string,
  ][] = [
    ['zero amount', (c, inv) => startInput(c.id, [inv[0]?.id ?? ''], 0), 'amount_not_positive'],
    ['negative amount', (c, inv) => startInput(c.id, [inv[0]?.id ?? ''], -500), 'amount_not_positive'],
    [
      'more than the selected invoices owe',
      (c, inv) => startInput(c.id, [inv[0]?.id ?? ''], (inv[0]?.outstandingMinor ?? 0) + 1),
      'amount_exceeds_outstanding',
    ],
    ['fractional cents', (c, inv) => startInput(c.id, [inv[0]?.id ?? ''], 10.5), 'invalid_request'],
    [
      'the wrong currency',
      (c, inv) => ({ ...startInput(c.id, [inv[0]?.id ?? ''], 100), amount: { minor: 100, currency: 'NOK' } }),
      'wrong_currency',
    ],
    [
      'an unknown currency',
      (c, inv) => ({ ...startInput(c.id, [inv[0]?.id ?? ''], 100), amount: { minor: 100, currency: 'XXX' } }),
      'unsupported_currency',
    ],
    [
      'an offline terminal',
      (c, inv) => startInput(c.id, [inv[0]?.id ?? ''], 100, { terminalId: 'sandbox-3' }),
      'terminal_offline',
    ],
    ['a missing field', (c) => ({ customerId: c.id }), 'invalid_request'],
    [
      'an unexpected field',
      (c, inv) => ({ ...startInput(c.id, [inv[0]?.id ?? ''], 100), pan: '4111111111111111' }),
      'invalid_request',
    ],
  ];

  it.each(refusedCases)('refuses %s', async (_name, build, code) => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const refusal = await t.refusal('payments.start', build(customer, invoices));
    expect(refusal.code).toBe(code);
    expect(refusal.message.length).toBeGreaterThan(0);
    const db = inspect(t.dataDir);
    expect(db.payments()).toBe(0);
    expect(db.terminalTransactions()).toBe(0);
    db.close();
  });

  it('refuses an invoice that is already paid', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 2);
    const [invoice] = invoices;
    if (!invoice) throw new Error('no invoice');
    const paid = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    await t.waitForPayment(paid.id, isFinal);
    const refusal = await t.refusal('payments.start', startInput(customer.id, [invoice.id], 100));
    expect(refusal).toMatchObject({ code: 'invoice_already_paid', params: { invoice: invoice.number } });
  });

  it('refuses a second Pay while the terminal is busy, and an invoice already in a pending payment', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 2);
    const [a, b] = invoices;
    if (!a || !b) throw new Error('need invoices');
    const slow = sandboxAmount(a.outstandingMinor, 8);
    const pending = await t.call('payments.start', startInput(customer.id, [a.id], slow));
    expect((await t.refusal('payments.start', startInput(customer.id, [b.id], 100))).code).toBe('terminal_busy');
    const other = await t.refusal(
      'payments.start',
      startInput(customer.id, [a.id], a.outstandingMinor - slow + 1, { terminalId: 'sandbox-2' }),
    );
    expect(other.code).toBe('amount_exceeds_outstanding');
    await t.call('payments.cancel', { paymentId: pending.id });
    await t.waitForPayment(pending.id, isFinal);
  });

  it('refuses a reused request id with different invoices', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 2);
    const [a, b] = invoices;
    if (!a || !b) throw new Error('need invoices');
    const first = startInput(customer.id, [a.id], a.outstandingMinor);
    const done = await t.call('payments.start', first);
    await t.waitForPayment(done.id, isFinal);
    const reused = { ...first, invoiceIds: [b.id], amount: { minor: b.outstandingMinor, currency: 'EUR' } };
    expect((await t.refusal('payments.start', reused)).code).toBe('request_reused');
  });

  it('refuses unknown methods and malformed requests with a code', async () => {
    expect((await t.refusal('payments.refundEverything', {})).code).toBe('unknown_method');
    expect((await t.refusal('customers.search', { query: 42 })).code).toBe('invalid_request');
    expect((await t.refusal('payments.get', { paymentId: '../etc/passwd' })).code).toBe('invalid_request');
  });
});
