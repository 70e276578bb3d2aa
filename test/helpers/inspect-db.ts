import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Reads a Kassa data folder the way an auditor would: straight from the SQLite files. */
export function inspect(dataDir: string) {
  const db = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
  const device = new Database(join(dataDir, 'sandbox-terminal.sqlite'), { readonly: true });
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const result = {
    payments: () => count('SELECT count(*) AS n FROM payments'),
    /**
     * The business messages waiting for the back-office (payments, refunds, receipts…). Audit rows
     * travel in the same outbox but are their own stream (see `auditOutbox`): a day opened by the
     * first payment is audited, and that is not a payment message.
     */
    outbox: () =>
      db
        .prepare(
          "SELECT kind, aggregate_id AS aggregateId, idempotency_key AS key, payload FROM outbox WHERE kind != 'audit_event' ORDER BY id",
        )
        .all() as {
        kind: string;
        aggregateId: string;
        key: string;
        payload: string;
      }[],
    /** The audit trail's rows waiting for (or delivered to) the back-office, by their audit action. */
    auditOutbox: () =>
      (
        db.prepare("SELECT payload FROM outbox WHERE kind = 'audit_event' ORDER BY id").all() as { payload: string }[]
      ).map((row) => (JSON.parse(row.payload) as { action: string }).action),
    outstanding: (invoiceId: string) =>
      (db.prepare('SELECT outstanding_minor AS o FROM invoices WHERE id = ?').get(invoiceId) as { o: number }).o,
    terminalTransactions: () => (device.prepare('SELECT count(*) AS n FROM sandbox_tx').get() as { n: number }).n,
    events: (paymentId: string) =>
      db
        .prepare(
          'SELECT event, outcome, from_status AS "from", to_status AS "to" FROM payment_events WHERE payment_id = ? ORDER BY id',
        )
        .all(paymentId) as {
        event: string;
        outcome: string;
        from: string;
        to: string;
      }[],
    /** The embedded demo back-office's books (demo mode). */
    backofficePayments: () => {
      const bo = new Database(join(dataDir, 'backoffice.sqlite'), { readonly: true });
      const rows = bo
        .prepare('SELECT payment_id AS paymentId, record, receipt IS NOT NULL AS hasReceipt FROM payments')
        .all() as {
        paymentId: string;
        record: string;
        hasReceipt: number;
      }[];
      bo.close();
      return rows;
    },
    close() {
      db.close();
      device.close();
    },
  };
  return result;
}
