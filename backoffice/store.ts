import { createHash } from 'node:crypto';
import {
  type BoCustomer,
  type BoInvoice,
  type BoPaymentAccepted,
  type BoPaymentRecord,
  type BoRefundRecord,
  PROBLEM_TYPES,
  type Problem,
} from '../shared/backoffice/schemas';
import { createAuditEventBook } from './audit-events';
import { createHoldBook } from './holds';
import { openStoreDatabase, type StoreDb } from './open-store-database';
import { createRefundReceipts } from './refund-receipts';
import { createSettlementRefsBook } from './settlement-refs';
import { CUSTOMER_COLUMNS, type CustomerDbRow, providerColumns, toBoCustomer } from './store-customers';
import { createStoreSchema, type InvoiceDbRow, toBoInvoice } from './store-schema';
import { type SeedCustomer, type SeedInvoice, seedBooks } from './store-seed';
import { createUserBook } from './users';

export type { SeedCustomer, SeedInvoice } from './store-seed';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A refusal the back-office gives for business reasons; it is final for that request. */
export class BusinessRefusal extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

/**
 * The reference back-office's books on their own SQLite file. Every change bumps one global
 * sequence, which is what the counters' incremental pull follows.
 */
export function openBackofficeStore(file: string) {
  const db: StoreDb = openStoreDatabase(file);
  createStoreSchema(db);

  const holds = createHoldBook(db);
  const refundReceipts = createRefundReceipts(db);
  const settlementRefs = createSettlementRefsBook(db);
  const users = createUserBook(db);

  const nextSeq = db.prepare<[], { value: number }>(
    "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
  );
  const seq = () => nextSeq.get()?.value ?? 0;
  const invoiceById = db.prepare<[string], InvoiceDbRow>('SELECT * FROM invoices WHERE id = ?');
  const updateInvoice = db.prepare('UPDATE invoices SET outstanding_minor = ?, status = ?, seq = ? WHERE id = ?');

  const remembered = db.prepare<[string, string], { request_hash: string; status: number; body: string }>(
    'SELECT request_hash, status, body FROM idempotency WHERE station_id = ? AND key = ?',
  );
  const remember = db.prepare(
    'INSERT INTO idempotency (station_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );

  /**
   * Runs a mutation once per (station, Idempotency-Key): the same key and body get the first answer
   * again; the same key with another body is refused. Answers and effects commit together.
   */
  const idempotent = db.transaction(
    (stationId: string, key: string, rawBody: string | Buffer, apply: () => StoredAnswer): StoredAnswer => {
      const hash = createHash('sha256').update(rawBody).digest('hex');
      const earlier = remembered.get(stationId, key);
      if (earlier) {
        if (earlier.request_hash !== hash) {
          return problem(422, PROBLEM_TYPES.idempotencyKeyReused, 'Idempotency-Key was used for another request');
        }
        return { status: earlier.status, body: JSON.parse(earlier.body) };
      }
      let answer: StoredAnswer;
      try {
        // A savepoint: a refusal halfway through leaves no partial effect behind.
        answer = db.transaction(apply)();
      } catch (error) {
        if (!(error instanceof BusinessRefusal)) throw error;
        answer = { status: error.problem.status, body: error.problem };
      }
      remember.run(stationId, key, hash, answer.status, JSON.stringify(answer.body), new Date().toISOString());
      return answer;
    },
  );

  function applyPayment(stationId: string, record: BoPaymentRecord): StoredAnswer {
    const existing = db
      .prepare<[string], { answer: string }>('SELECT answer FROM payments WHERE payment_id = ?')
      .get(record.paymentId);
    // The same payment under another key (a manager's resend) is still one payment.
    if (existing) return { status: 200, body: JSON.parse(existing.answer) };
    const customer = db
      .prepare<[string], { currency: string }>('SELECT currency FROM customers WHERE id = ?')
      .get(record.customerId);
    if (!customer) throw refusal(422, PROBLEM_TYPES.unknownCustomer, `unknown customer ${record.customerId}`);
    if (customer.currency !== record.amount.currency) {
      throw refusal(422, PROBLEM_TYPES.currencyMismatch, `customer pays in ${customer.currency}`);
    }
    const total = record.allocations.reduce((s, a) => s + a.amountMinor, 0);
    if (total !== record.amount.minor) {
      throw refusal(400, PROBLEM_TYPES.invalidRequest, 'allocations do not add up to the amount');
    }
    const after: BoPaymentAccepted['invoices'][number][] = [];
    for (const allocation of record.allocations) {
      const invoice = invoiceById.get(allocation.invoiceId);
      if (!invoice || invoice.customer_id !== record.customerId) {
        throw refusal(
          422,
          PROBLEM_TYPES.unknownInvoice,
          `unknown invoice ${allocation.invoiceId}`,
          allocation.invoiceId,
        );
      }
      if (invoice.status !== 'open') {
        throw refusal(409, PROBLEM_TYPES.invoiceNotOpen, `invoice ${invoice.number} is ${invoice.status}`, invoice.id);
      }
      if (allocation.amountMinor > invoice.outstanding_minor) {
        throw refusal(
          409,
          PROBLEM_TYPES.overAllocation,
          `invoice ${invoice.number} owes ${invoice.outstanding_minor}, not ${allocation.amountMinor}`,
          invoice.id,
        );
      }
      const outstanding = invoice.outstanding_minor - allocation.amountMinor;
      const status = outstanding === 0 ? 'paid' : 'open';
      const changeSeq = seq();
      updateInvoice.run(outstanding, status, changeSeq, invoice.id);
      after.push({ invoiceId: invoice.id, outstandingMinor: outstanding, status, seq: changeSeq });
    }
    const receivedAt = new Date().toISOString();
    const answer: BoPaymentAccepted = { paymentId: record.paymentId, status: 'applied', receivedAt, invoices: after };
    db.prepare('INSERT INTO payments (payment_id, station_id, record, answer, received_at) VALUES (?, ?, ?, ?, ?)').run(
      record.paymentId,
      stationId,
      JSON.stringify(record),
      JSON.stringify(answer),
      receivedAt,
    );
    const insertAllocation = db.prepare(
      'INSERT INTO allocations (payment_id, invoice_id, amount_minor) VALUES (?, ?, ?)',
    );
    for (const a of record.allocations) insertAllocation.run(record.paymentId, a.invoiceId, a.amountMinor);
    holds.paymentApplied(record.paymentId);
    return { status: 201, body: answer };
  }

  function attachReceipt(paymentId: string, pdf: Buffer): StoredAnswer {
    const result = db.prepare('UPDATE payments SET receipt = ? WHERE payment_id = ?').run(pdf, paymentId);
    if (result.changes === 0) throw refusal(404, PROBLEM_TYPES.unknownPayment, `unknown payment ${paymentId}`);
    return { status: 200, body: { id: paymentId, status: 'recorded', receivedAt: new Date().toISOString() } };
  }

  function reverseAllocations(paymentId: string): void {
    const lines = db
      .prepare<[string], { invoice_id: string; amount_minor: number }>(
        'SELECT invoice_id, amount_minor FROM allocations WHERE payment_id = ?',
      )
      .all(paymentId);
    for (const line of lines) {
      const invoice = invoiceById.get(line.invoice_id);
      if (!invoice || invoice.status === 'void' || invoice.status === 'credited') continue;
      const outstanding = Math.min(invoice.amount_minor, invoice.outstanding_minor + line.amount_minor);
      updateInvoice.run(outstanding, outstanding > 0 ? 'open' : 'paid', seq(), invoice.id);
    }
  }

  function recordRefund(record: BoRefundRecord): StoredAnswer {
    const payment = db.prepare('SELECT 1 FROM payments WHERE payment_id = ?').get(record.paymentId);
    if (!payment) throw refusal(404, PROBLEM_TYPES.unknownPayment, `unknown payment ${record.paymentId}`);
    const receivedAt = new Date().toISOString();
    const inserted = db
      .prepare('INSERT OR IGNORE INTO refunds (refund_id, payment_id, record, received_at) VALUES (?, ?, ?, ?)')
      .run(record.refundId, record.paymentId, JSON.stringify(record), receivedAt);
    // A same-day void undoes the payment: its invoices owe the allocated amounts again (once).
    if (inserted.changes > 0 && record.kind === 'void') reverseAllocations(record.paymentId);
    return { status: 201, body: { id: record.refundId, status: 'recorded', receivedAt } };
  }

  return {
    db,
    idempotent: (stationId: string, key: string, rawBody: string | Buffer, apply: () => StoredAnswer) =>
      idempotent.immediate(stationId, key, rawBody, apply),
    applyPayment,
    attachReceipt,
    recordRefund,
    holds,
    refundReceipts,
    auditEvents: createAuditEventBook(db),
    settlementRefs,
    users,

    /** The receipt PDF as stored (tests compare it with what the counter renders). */
    receipt(paymentId: string): Buffer | null {
      const row = db
        .prepare<[string], { receipt: Buffer | null }>('SELECT receipt FROM payments WHERE payment_id = ?')
        .get(paymentId);
      return row?.receipt ?? null;
    },

    customersAfter(after: number, limit: number): BoCustomer[] {
      return db
        .prepare<[number, number], CustomerDbRow>(
          `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE seq > ? ORDER BY seq LIMIT ?`,
        )
        .all(after, limit)
        .map(toBoCustomer);
    },

    /** A customer's ids and cards at payment providers change, as the back-office's staff would set them. */
    setCustomerProviders(customerId: string, providers: Pick<BoCustomer, 'providerCustomerIds' | 'onFile'>): void {
      db.prepare('UPDATE customers SET provider_customer_ids = ?, on_file = ?, seq = ? WHERE id = ?').run(
        ...providerColumns(providers),
        seq(),
        customerId,
      );
    },

    invoicesAfter(after: number, limit: number): BoInvoice[] {
      return db
        .prepare<[number, number], InvoiceDbRow>('SELECT * FROM invoices WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(after, limit)
        .map(toBoInvoice);
    },

    seed(customers: readonly SeedCustomer[], invoices: readonly SeedInvoice[]): void {
      seedBooks(db, customers, invoices, seq);
    },

    /** Changes an invoice as the back-office's own staff would (credit note, payment at another channel). */
    setInvoice(invoiceId: string, outstandingMinor: number, status: BoInvoice['status']): void {
      updateInvoice.run(outstandingMinor, status, seq(), invoiceId);
    },

    hasCustomer(customerId: string): boolean {
      return db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId) !== undefined;
    },

    isEmpty(): boolean {
      return !db.prepare('SELECT 1 FROM customers LIMIT 1').get();
    },

    paymentCount(): number {
      return (db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
    },

    payments(): { paymentId: string; stationId: string; record: BoPaymentRecord; hasReceipt: boolean }[] {
      return (
        db
          .prepare('SELECT payment_id, station_id, record, receipt IS NOT NULL AS r FROM payments ORDER BY rowid')
          .all() as { payment_id: string; station_id: string; record: string; r: number }[]
      ).map((row) => ({
        paymentId: row.payment_id,
        stationId: row.station_id,
        record: JSON.parse(row.record) as BoPaymentRecord,
        hasReceipt: row.r === 1,
      }));
    },

    invoice(invoiceId: string): BoInvoice | undefined {
      const row = invoiceById.get(invoiceId);
      return row && toBoInvoice(row);
    },

    close(): void {
      db.close();
    },
  };
}

export type BackofficeStore = ReturnType<typeof openBackofficeStore>;

function refusal(status: number, type: string, detail: string, invoiceId?: string): BusinessRefusal {
  return new BusinessRefusal({ type, title: titleOf(type), status, detail, ...(invoiceId ? { invoiceId } : {}) });
}

export function problem(status: number, type: string, detail: string): StoredAnswer {
  return { status, body: { type, title: titleOf(type), status, detail } satisfies Problem };
}

function titleOf(type: string): string {
  const name = type.slice(type.lastIndexOf('/') + 1).replaceAll('-', ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
