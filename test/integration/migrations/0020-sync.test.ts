import { describe, expect, it } from 'vitest';
import { insertCustomer, migrateTo, openDatabaseAt, schemaVersion } from './database-at';

describe('migration 0020 (sync): outbox delivery state and the back-office view of invoices', () => {
  it('marks outbox rows already delivered as delivered, leaves the rest waiting, and keeps every invoice', () => {
    const { db } = openDatabaseAt(10);
    insertCustomer(db);
    db.prepare(
      `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency)
       VALUES ('i1', 'F-1', 'c1', '2026-11-01', '2026-11-30', 5000, 3750, 'EUR')`,
    ).run();
    const outbox = db.prepare(
      `INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload, created_at, delivered_at, attempts)
       VALUES ('payment.approved', ?, ?, '{}', '2026-11-30T09:00:00.000Z', ?, ?)`,
    );
    outbox.run('p1', 'k1', '2026-11-30T09:00:05.000Z', 1);
    outbox.run('p2', 'k2', null, 3);

    migrateTo(db, 20);

    expect(schemaVersion(db)).toBe(20);
    const rows = db
      .prepare(
        'SELECT aggregate_id AS id, state, attempts, held_reason AS held, last_error AS error FROM outbox ORDER BY id',
      )
      .all();
    expect(rows).toEqual([
      { id: 'p1', state: 'delivered', attempts: 1, held: null, error: null },
      { id: 'p2', state: 'waiting', attempts: 3, held: null, error: null },
    ]);
    expect(
      db
        .prepare(
          `SELECT outstanding_minor AS outstanding, remote_outstanding_minor AS remote, remote_seq AS seq, status
           FROM invoices WHERE id = 'i1'`,
        )
        .get(),
    ).toEqual({ outstanding: 3750, remote: null, seq: 0, status: 'open' });
    // The waiting index now follows the state, not delivered_at.
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox_waiting'").get() as { sql: string };
    expect(index.sql).toMatch(/state = 'waiting'/);
    expect(() => db.prepare("UPDATE outbox SET state = 'lost' WHERE aggregate_id = 'p1'").run()).toThrow(/CHECK/);
    db.close();
  });
});
