import { describe, expect, it } from 'vitest';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0070 (receipt-documents): receipts frozen when they are issued', () => {
  it('keeps every payment, starts with no frozen receipts, and ties a new one to an existing payment', () => {
    const { db } = openDatabaseAt(50);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved' });

    migrateTo(db, 70);

    expect(db.prepare('SELECT id, status FROM payments').all()).toEqual([{ id: 'p1', status: 'approved' }]);
    expect(db.prepare('SELECT count(*) AS n FROM receipt_documents').get()).toEqual({ n: 0 });
    const insert = db.prepare(
      `INSERT INTO receipt_documents (id, kind, payment_id, issued_at, model)
       VALUES (?, ?, ?, '2026-11-30T09:00:00.000Z', '{}')`,
    );
    insert.run('r1', 'payment', 'p1');
    expect(db.prepare('SELECT uploaded_pdf AS pdf, uploaded_locale AS locale FROM receipt_documents').get()).toEqual({
      pdf: null,
      locale: null,
    });
    expect(() => insert.run('r2', 'payment', 'no-such-payment')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('r3', 'invoice', 'p1')).toThrow(/CHECK/);
    db.close();
  });
});
