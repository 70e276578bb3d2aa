import type { Db } from '../db/open-database';
import { OPEN_PAYMENT_SQL } from '../db/sql-list';

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
  // The invoice table's rows as positional arrays straight from SQLite (no object per row); the
  // column order is the contract's InvoiceTableRow, overdue as 0/1 (turned into a boolean by the handler).
  const openRowsForCustomer = db
    .prepare<[string, string], [string, string, string, string, number, number, string, number]>(
      `SELECT id, number, issue_date, due_date, amount_minor, outstanding_minor, currency, due_date < ?
       FROM invoices WHERE customer_id = ? AND outstanding_minor > 0 ORDER BY due_date, issue_date, number`,
    )
    .raw(true);
  const byId = db.prepare<[string], InvoiceRow>(`SELECT ${COLUMNS} FROM invoices WHERE id = ?`);
  const totals = db.prepare<[string, string], { count: number; outstanding: number; overdue: number }>(
    `SELECT count(*) AS count, coalesce(sum(outstanding_minor), 0) AS outstanding,
            coalesce(sum(CASE WHEN due_date < ? THEN outstanding_minor ELSE 0 END), 0) AS overdue
     FROM invoices WHERE customer_id = ? AND outstanding_minor > 0`,
  );
  // The same per currency: amounts in two currencies are never added up.
  const totalsPerCurrency = db.prepare<
    [string, string],
    { currency: string; count: number; outstanding: number; overdue: number }
  >(
    `SELECT currency, count(*) AS count, coalesce(sum(outstanding_minor), 0) AS outstanding,
            coalesce(sum(CASE WHEN due_date < ? THEN outstanding_minor ELSE 0 END), 0) AS overdue
     FROM invoices WHERE customer_id = ? AND outstanding_minor > 0 GROUP BY currency ORDER BY currency`,
  );
  // Amounts promised to attempts that may still be paid: they cannot be promised twice.
  const reserved = db.prepare<[string], { reserved: number }>(
    `SELECT coalesce(sum(a.amount_minor), 0) AS reserved FROM payment_allocations a
     JOIN payments p ON p.id = a.payment_id
     WHERE a.invoice_id = ? AND a.applied = 0 AND p.status IN ${OPEN_PAYMENT_SQL}`,
  );
  const applyPayment = db.prepare<[number, string]>(
    'UPDATE invoices SET outstanding_minor = max(0, outstanding_minor - ?) WHERE id = ?',
  );

  // Local payments the back-office has not acknowledged yet still lower what the counter shows.
  const pendingLocal = db.prepare<[string], { pending: number }>(
    `SELECT coalesce(sum(a.amount_minor), 0) AS pending FROM payment_allocations a
     JOIN outbox o ON o.aggregate_id = a.payment_id AND o.kind = 'payment.approved'
     WHERE a.invoice_id = ? AND a.applied = 1 AND o.state = 'waiting'`,
  );
  // Voided here after the back-office took the payment, the void not yet delivered: the money is back on the invoice.
  const voidedLocal = db.prepare<[string], { back: number }>(
    `SELECT coalesce(sum(a.amount_minor), 0) AS back FROM payment_allocations a
     JOIN outbox v ON v.aggregate_id = a.payment_id AND v.kind = 'payment.voided' AND v.state = 'waiting'
     JOIN outbox o ON o.aggregate_id = a.payment_id AND o.kind = 'payment.approved' AND o.state = 'delivered'
     WHERE a.invoice_id = ?`,
  );
  const reopenLocal = db.prepare<[number, string]>(
    'UPDATE invoices SET outstanding_minor = min(amount_minor, outstanding_minor + ?) WHERE id = ?',
  );
  const remoteState = db.prepare<
    [string],
    { remote_seq: number; remote_outstanding_minor: number | null; status: string }
  >('SELECT remote_seq, remote_outstanding_minor, status FROM invoices WHERE id = ?');
  const upsertRemoteStatement = db.prepare(
    `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency,
       remote_outstanding_minor, remote_seq, status)
     VALUES (@id, @number, @customerId, @issueDate, @dueDate, @amountMinor, @localOutstanding, @currency,
       @outstandingMinor, @seq, @status)
     ON CONFLICT(id) DO UPDATE SET number = excluded.number, customer_id = excluded.customer_id,
       issue_date = excluded.issue_date, due_date = excluded.due_date, amount_minor = excluded.amount_minor,
       outstanding_minor = excluded.outstanding_minor, currency = excluded.currency,
       remote_outstanding_minor = excluded.remote_outstanding_minor, remote_seq = excluded.remote_seq,
       status = excluded.status`,
  );
  // A pull page: the newer version wins inside the statement (no read before each row).
  // Positional parameters: a pull binds 200,000 rows through this one, and binding by position needs
  // no object per row (as named parameters with a computed field would) and no lookup by name.
  const upsertRemoteIfNewer = db.prepare<
    [string, string, string, string, string, number, number, string, number, number, string]
  >(
    `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency,
       remote_outstanding_minor, remote_seq, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET number = excluded.number, customer_id = excluded.customer_id,
       issue_date = excluded.issue_date, due_date = excluded.due_date, amount_minor = excluded.amount_minor,
       outstanding_minor = excluded.outstanding_minor, currency = excluded.currency,
       remote_outstanding_minor = excluded.remote_outstanding_minor, remote_seq = excluded.remote_seq,
       status = excluded.status
     WHERE excluded.remote_seq > invoices.remote_seq`,
  );
  // Payments or voids of this counter the back-office has not seen yet change what an invoice shows.
  const localEffectsWaiting = db.prepare<[], { waiting: number }>(
    `SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'waiting' AND kind IN ('payment.approved', 'payment.voided'))
     AS waiting`,
  );
  const setRemote = db.prepare(
    'UPDATE invoices SET remote_outstanding_minor = ?, status = ?, remote_seq = ? WHERE id = ? AND remote_seq < ?',
  );
  const setLocal = db.prepare('UPDATE invoices SET outstanding_minor = ? WHERE id = ?');

  function localOutstanding(invoiceId: string, remoteOutstanding: number, status: string, amount: number): number {
    const back = voidedLocal.get(invoiceId)?.back ?? 0;
    if (status !== 'open' && !(status === 'paid' && back > 0)) return 0;
    const pending = pendingLocal.get(invoiceId)?.pending ?? 0;
    return Math.min(amount, Math.max(0, remoteOutstanding - pending + back));
  }

  /** What the counter shows: the back-office's outstanding less our payments it has not seen yet. */
  function recomputeLocal(invoiceId: string): void {
    const known = remoteState.get(invoiceId);
    const invoice = byId.get(invoiceId);
    if (!known || !invoice || known.remote_outstanding_minor === null) return;
    setLocal.run(
      localOutstanding(invoiceId, known.remote_outstanding_minor, known.status, invoice.amountMinor),
      invoiceId,
    );
  }

  function upsertRemote(row: InvoiceRow & { status: string; seq: number }): boolean {
    const known = remoteState.get(row.id);
    if (known && known.remote_seq >= row.seq) return false;
    upsertRemoteStatement.run({
      ...row,
      localOutstanding: localOutstanding(row.id, row.outstandingMinor, row.status, row.amountMinor),
    });
    return true;
  }

  return {
    insert(row: InvoiceRow): void {
      insert.run(row);
    },

    /**
     * Takes the back-office's version of an invoice unless a newer one is already here (changes
     * arrive by pull and in delivery answers, in any order). Returns false for a stale version.
     */
    upsertRemote,

    /**
     * A page of pulled invoices (call inside the page's transaction). With nothing of this counter
     * waiting to be delivered, what the counter shows is the back-office's figure, so each row is one
     * statement; otherwise each row is adjusted as in upsertRemote.
     */
    upsertRemotePage(rows: readonly (InvoiceRow & { status: string; seq: number })[]): void {
      if (localEffectsWaiting.get()?.waiting) {
        for (const row of rows) upsertRemote(row);
        return;
      }
      for (const row of rows) {
        const shown = row.status === 'open' ? Math.min(row.amountMinor, Math.max(0, row.outstandingMinor)) : 0;
        upsertRemoteIfNewer.run(
          row.id,
          row.number,
          row.customerId,
          row.issueDate,
          row.dueDate,
          row.amountMinor,
          shown,
          row.currency,
          row.outstandingMinor,
          row.seq,
          row.status,
        );
      }
    },

    /** A delivery answer: the invoice as the back-office left it right after our payment. */
    applyRemoteState(invoiceId: string, outstandingMinor: number, status: string, seq: number): void {
      setRemote.run(outstandingMinor, status, seq, invoiceId, seq);
      recomputeLocal(invoiceId);
    },

    recomputeLocal,
    get(id: string): InvoiceRow | undefined {
      return byId.get(id);
    },
    openForCustomer(customerId: string): InvoiceRow[] {
      return openForCustomer.all(customerId);
    },
    /** The open invoices in openForCustomer's order, as the table's compact rows; overdue is 0 or 1. */
    openRowsForCustomer(customerId: string, today: string) {
      return openRowsForCustomer.all(today, customerId);
    },
    totals(customerId: string, today: string) {
      return totals.get(today, customerId) ?? { count: 0, outstanding: 0, overdue: 0 };
    },
    /** What the customer owes per currency (one row per currency with open invoices). */
    totalsPerCurrency(customerId: string, today: string) {
      return totalsPerCurrency.all(today, customerId);
    },
    reservedMinor(invoiceId: string): number {
      return reserved.get(invoiceId)?.reserved ?? 0;
    },
    /** A voided payment's allocation (already marked not applied): the invoice owes it again. */
    reversePayment(invoiceId: string, amountMinor: number): void {
      if (remoteState.get(invoiceId)?.remote_outstanding_minor != null) recomputeLocal(invoiceId);
      else reopenLocal.run(amountMinor, invoiceId);
    },
    /**
     * Lowers what the counter shows as outstanding, never below zero. (If the back-office meanwhile
     * says the invoice owes less — paid at another counter — the payment still stands; the
     * back-office refuses the over-allocation and the payment is held as the customer's credit.)
     */
    applyPayment(invoiceId: string, amountMinor: number): void {
      applyPayment.run(amountMinor, invoiceId);
    },
  };
}

export type InvoiceRepository = ReturnType<typeof createInvoiceRepository>;
