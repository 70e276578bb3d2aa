import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../electron/core/db/open-database';
import { createCustomerRepository } from '../../electron/core/repositories/customers';
import { createInvoiceRepository } from '../../electron/core/repositories/invoices';
import { createOutboxRepository } from '../../electron/core/repositories/outbox';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { createSettingsRepository } from '../../electron/core/repositories/settings';
import { tempDir } from '../helpers/test-engine';

let db: Db;
beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  const customers = createCustomerRepository(db);
  customers.insert({
    id: 'c1',
    number: '200001',
    name: 'Kwekerij Müller',
    city: 'Lisse',
    email: null,
    phone: null,
    currency: 'EUR',
  });
  const invoices = createInvoiceRepository(db);
  for (const [id, due, amount] of [
    ['i1', '2026-01-10', 1000],
    ['i2', '2026-01-05', 2000],
    ['i3', '2026-02-01', 3000],
  ] as const) {
    invoices.insert({
      id,
      number: `9${id}`,
      customerId: 'c1',
      issueDate: '2026-01-01',
      dueDate: due,
      amountMinor: amount,
      outstandingMinor: amount,
      currency: 'EUR',
    });
  }
});
afterEach(() => db.close());

describe('repositories on a real SQLite file', () => {
  it('finds a customer by name without accents and lists open invoices oldest due first', () => {
    expect(
      createCustomerRepository(db)
        .search('muller')
        .map((c) => c.id),
    ).toEqual(['c1']);
    expect(
      createInvoiceRepository(db)
        .openForCustomer('c1')
        .map((i) => i.id),
    ).toEqual(['i2', 'i1', 'i3']);
  });

  it('never shows an invoice owing less than zero', () => {
    const invoices = createInvoiceRepository(db);
    invoices.applyPayment('i1', 600);
    expect(invoices.get('i1')?.outstandingMinor).toBe(400);
    invoices.applyPayment('i1', 600);
    expect(invoices.get('i1')?.outstandingMinor).toBe(0);
  });

  it('counts amounts promised to open attempts as reserved, and frees them when the attempt ends', () => {
    const payments = createPaymentRepository(db);
    const invoices = createInvoiceRepository(db);
    payments.insert(
      {
        id: 'p1',
        requestId: 'r1',
        requestHash: 'h',
        reference: 'KS-1',
        idempotencyKey: 'k1',
        customerId: 'c1',
        amountMinor: 700,
        currency: 'EUR',
        method: 'card_terminal',
        provider: 'sandbox',
        terminalId: 't1',
        phone: null,
        createdAt: '2026-11-22T10:00:00.000Z',
      },
      [{ invoiceId: 'i1', amountMinor: 700, remainingMinor: 300 }],
    );
    expect(invoices.reservedMinor('i1')).toBe(700);
    payments.update('p1', { status: 'declined', phase: null, cancelRequested: false, refundedMinor: 0 }, 'now');
    expect(invoices.reservedMinor('i1')).toBe(0);
  });

  it('keeps one outbox message per idempotency key', () => {
    const outbox = createOutboxRepository(db);
    const message = { kind: 'payment.approved', aggregateId: 'p1', idempotencyKey: 'k1:approved', payload: { a: 1 } };
    outbox.enqueue(message, 'now');
    outbox.enqueue({ ...message, payload: { a: 2 } }, 'later');
    expect(outbox.depth()).toBe(1);
    expect(
      outbox.open().map((m) => ({ kind: m.kind, idempotencyKey: m.idempotencyKey, payload: JSON.parse(m.payload) })),
    ).toEqual([{ kind: 'payment.approved', idempotencyKey: 'k1:approved', payload: { a: 1 } }]);
  });

  it('keeps the last value of a counter setting', () => {
    createSettingsRepository(db).set('counter.defaultTerminal', 'sandbox-2');
    createSettingsRepository(db).set('counter.defaultTerminal', 'sandbox-1');
    expect(createSettingsRepository(db).get('counter.defaultTerminal')).toBe('sandbox-1');
  });
});
