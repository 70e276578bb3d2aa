import type { BoCustomer, BoInvoice } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';
import { providerColumns } from './store-customers';

/** Books to start from (the demo books, a test's): what the back-office holds, before it numbers changes. */
export type SeedCustomer = Omit<BoCustomer, 'seq'>;
export type SeedInvoice = Omit<BoInvoice, 'seq' | 'status'>;

/** Writes starting books in one transaction, each row numbered by `seq` like any later change. */
export function seedBooks(
  db: StoreDb,
  customers: readonly SeedCustomer[],
  invoices: readonly SeedInvoice[],
  seq: () => number,
): void {
  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, number, name, city, email, phone, currency, language, provider_customer_ids, on_file, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertInvoice = db.prepare(
    `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency, status, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const c of customers)
      insertCustomer.run(
        c.id,
        c.number,
        c.name,
        c.city,
        c.email,
        c.phone,
        c.currency,
        c.language ?? null,
        ...providerColumns(c),
        seq(),
      );
    for (const i of invoices) {
      insertInvoice.run(
        i.id,
        i.number,
        i.customerId,
        i.issueDate,
        i.dueDate,
        i.amountMinor,
        i.outstandingMinor,
        i.currency,
        i.outstandingMinor === 0 ? 'paid' : 'open',
        seq(),
      );
    }
  }).immediate();
}
