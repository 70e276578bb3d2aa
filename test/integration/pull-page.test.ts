import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../electron/core/db/open-database';
import { createCustomerRepository } from '../../electron/core/repositories/customers';
import { createInvoiceRepository, type InvoiceRepository } from '../../electron/core/repositories/invoices';
import { tempDir } from '../helpers/test-engine';

/** A pulled page is written with one statement per row, and still never steps back to an older version. */
let db: Db;
let invoices: InvoiceRepository;
beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  createCustomerRepository(db).upsert({
    id: 'c1',
    number: '100001',
    name: 'Kwekerij Test',
    city: 'Lisse',
    email: null,
    phone: null,
    currency: 'EUR',
  });
  invoices = createInvoiceRepository(db);
});
afterEach(() => db.close());

const version = (seq: number, outstandingMinor: number, status = 'open') => ({
  id: 'i1',
  number: '2026000001',
  customerId: 'c1',
  issueDate: '2026-11-01',
  dueDate: '2026-11-30',
  amountMinor: 10_000,
  outstandingMinor,
  currency: 'EUR',
  status,
  seq,
});

describe('writing a pulled page of invoices', () => {
  it('takes a newer version and ignores an older one that arrives later', () => {
    db.transaction(() => invoices.upsertRemotePage([version(5, 4_000)]))();
    expect(invoices.get('i1')?.outstandingMinor).toBe(4_000);
    db.transaction(() => invoices.upsertRemotePage([version(3, 10_000)]))();
    expect(invoices.get('i1')?.outstandingMinor).toBe(4_000);
    db.transaction(() => invoices.upsertRemotePage([version(7, 0, 'paid')]))();
    expect(invoices.get('i1')?.outstandingMinor).toBe(0);
  });

  it('shows nothing outstanding on an invoice that is no longer open', () => {
    db.transaction(() => invoices.upsertRemotePage([version(2, 6_000, 'void')]))();
    expect(invoices.get('i1')?.outstandingMinor).toBe(0);
    expect(invoices.openForCustomer('c1')).toEqual([]);
  });

  it('writes the same as one row at a time', () => {
    db.transaction(() => invoices.upsertRemotePage([version(1, 7_500)]))();
    const paged = invoices.get('i1');
    db.prepare('DELETE FROM invoices').run();
    invoices.upsertRemote(version(1, 7_500));
    expect(invoices.get('i1')).toEqual(paged);
  });
});
