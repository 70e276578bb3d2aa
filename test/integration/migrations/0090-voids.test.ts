import { describe, expect, it } from 'vitest';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0090 (voids): same-day voids as durable attempts', () => {
  it('keeps every payment, starts with no voids, and allows one void in flight per payment', () => {
    const { db } = openDatabaseAt(80);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved' });
    insertPaymentOf0010(db, { id: 'p2', status: 'voided' });

    migrateTo(db, 90);

    expect(db.prepare('SELECT id, status FROM payments ORDER BY id').all()).toEqual([
      { id: 'p1', status: 'approved' },
      { id: 'p2', status: 'voided' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM voids').get()).toEqual({ n: 0 });
    const insert = db.prepare(
      `INSERT INTO voids (id, payment_id, request_id, note, status, created_at, updated_at)
       VALUES (?, 'p1', ?, 'wrong amount', ?, 'now', 'now')`,
    );
    insert.run('v1', 'q1', 'failed');
    insert.run('v2', 'q2', 'unknown');
    expect(() => insert.run('v3', 'q3', 'sent')).toThrow(/UNIQUE/);
    expect(() => insert.run('v4', 'q4', 'maybe')).toThrow(/CHECK/);
    db.close();
  });
});
