import type { BoInvoice } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';
import { addCustomerColumns } from './store-customers';

/** The reference back-office's tables; created on open, the back-office has no migrations. */
export function createStoreSchema(db: StoreDb): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    INSERT OR IGNORE INTO meta VALUES ('seq', 0);
    CREATE TABLE IF NOT EXISTS customers (
      id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, name TEXT NOT NULL, city TEXT NOT NULL,
      email TEXT, phone TEXT, currency TEXT NOT NULL, language TEXT, provider_customer_ids TEXT, on_file TEXT,
      seq INTEGER NOT NULL UNIQUE) STRICT;
    CREATE TABLE IF NOT EXISTS invoices (
      id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL REFERENCES customers(id),
      issue_date TEXT NOT NULL, due_date TEXT NOT NULL, amount_minor INTEGER NOT NULL,
      outstanding_minor INTEGER NOT NULL CHECK (outstanding_minor >= 0 AND outstanding_minor <= amount_minor),
      currency TEXT NOT NULL, status TEXT NOT NULL, seq INTEGER NOT NULL UNIQUE) STRICT;
    CREATE TABLE IF NOT EXISTS payments (
      payment_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, record TEXT NOT NULL, answer TEXT NOT NULL,
      received_at TEXT NOT NULL, receipt BLOB) STRICT;
    CREATE TABLE IF NOT EXISTS allocations (
      payment_id TEXT NOT NULL REFERENCES payments(payment_id), invoice_id TEXT NOT NULL REFERENCES invoices(id),
      amount_minor INTEGER NOT NULL, PRIMARY KEY (payment_id, invoice_id)) STRICT;
    CREATE TABLE IF NOT EXISTS refunds (
      refund_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL REFERENCES payments(payment_id), record TEXT NOT NULL,
      received_at TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS idempotency (
      station_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
      body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (station_id, key)) STRICT;
  `);
  // Books written before customers had a language or provider ids: the columns are added on open, empty.
  addCustomerColumns(db);
}

export interface InvoiceDbRow {
  id: string;
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  amount_minor: number;
  outstanding_minor: number;
  currency: string;
  status: BoInvoice['status'];
  seq: number;
}

export function toBoInvoice(row: InvoiceDbRow): BoInvoice {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    amountMinor: row.amount_minor,
    outstandingMinor: row.outstanding_minor,
    currency: row.currency,
    status: row.status,
    seq: row.seq,
  };
}
