import { describe, expect, it } from 'vitest';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0050 (paynl-cloud): late-approval watch deadline and the amount actually paid', () => {
  it('keeps every payment with no watch and no differing amount, and refuses a paid amount that is not positive', () => {
    const { db } = openDatabaseAt(40);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'cancelled', status: 'cancelled' });
    insertPaymentOf0010(db, { id: 'approved', status: 'approved' });

    migrateTo(db, 50);

    expect(
      db
        .prepare(
          'SELECT id, status, amount_minor AS amount, late_watch_until AS watch, paid_minor AS paid FROM payments ORDER BY id',
        )
        .all(),
    ).toEqual([
      { id: 'approved', status: 'approved', amount: 1250, watch: null, paid: null },
      { id: 'cancelled', status: 'cancelled', amount: 1250, watch: null, paid: null },
    ]);
    const set = db.prepare('UPDATE payments SET late_watch_until = ?, paid_minor = ? WHERE id = ?');
    set.run('2026-11-30T09:10:00.000Z', null, 'cancelled');
    set.run(null, 1000, 'approved');
    expect(() => set.run(null, 0, 'approved')).toThrow(/CHECK/);
    const watched = db.prepare('SELECT id FROM payments WHERE late_watch_until IS NOT NULL').all();
    expect(watched).toEqual([{ id: 'cancelled' }]);
    db.close();
  });
});
