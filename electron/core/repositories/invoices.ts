import type { Db } from '../db/open-database';

export interface InvoiceRow {
  id: string;
  number: string;
  customerId: string;
  issueDate: string;
  dueDate: string;
  amountMinor: number;
  outstandingMinor: number;
  currency: string;
}

const COLUMNS = `id, number, customer_id AS customerId, issue_date AS issueDate, due_date AS dueDate,
  amount_minor AS amountMinor, outstanding_minor AS outstandingMinor, currency`;

export function createInvoiceRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency)
     VALUES (@id, @number, @customerId, @issueDate, @dueDate, @amountMinor, @outstandingMinor, @currency)`,
  );
  const openForCustomer = db.prepare<[string], InvoiceRow>(
    `SELECT ${COLUMNS} FROM invoices WHERE customer_id = ? AND outstanding_minor > 0 ORDER BY due_date, issue_date, number`,
  );
  const byId = db.prepare<[string], InvoiceRow>(`SELECT ${COLUMNS} FROM invoices WHERE id = ?`);
  const totals = db.prepare<[string, string], { count: number; outstanding: number; overdue: number }>(
    `SELECT count(*) AS count, coalesce(sum(outstanding_minor), 0) AS outstanding,
            coalesce(sum(CASE WHEN due_date < ? THEN outstanding_minor ELSE 0 END), 0) AS overdue
     FROM invoices WHERE customer_id = ? AND outstanding_minor > 0`,
  );
  // Amounts promised to attempts that may still be paid: they cannot be promised twice.
  const reserved = db.prepare<[string], { reserved: number }>(
    `SELECT coalesce(sum(a.amount_minor), 0) AS reserved FROM payment_allocations a
     JOIN payments p ON p.id = a.payment_id
     WHERE a.invoice_id = ? AND a.applied = 0 AND p.status IN ('recorded','sent','pending','unknown')`,
  );
  const applyPayment = db.prepare<[number, string, number]>(
    'UPDATE invoices SET outstanding_minor = outstanding_minor - ? WHERE id = ? AND outstanding_minor >= ?',
  );

  return {
    insert(row: InvoiceRow): void {
      insert.run(row);
    },
    get(id: string): InvoiceRow | undefined {
      return byId.get(id);
    },
    openForCustomer(customerId: string): InvoiceRow[] {
      return openForCustomer.all(customerId);
    },
    totals(customerId: string, today: string) {
      return totals.get(today, customerId) ?? { count: 0, outstanding: 0, overdue: 0 };
    },
    reservedMinor(invoiceId: string): number {
      return reserved.get(invoiceId)?.reserved ?? 0;
    },
    /** Lowers the outstanding; false if the invoice no longer owes that much. */
    applyPayment(invoiceId: string, amountMinor: number): boolean {
      return applyPayment.run(amountMinor, invoiceId, amountMinor).changes === 1;
    },
  };
}

export type InvoiceRepository = ReturnType<typeof createInvoiceRepository>;
