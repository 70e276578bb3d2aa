import { describe, expect, it } from 'vitest';
import { columnsOf, insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0170 (pay links): link address, expiry and use; many open links at once', () => {
  it('keeps existing payments as they were, and lets payment links share their terminal', () => {
    const { db } = openDatabaseAt(130);
    insertCustomer(db, 'c1');
    insertPaymentOf0010(db, { id: 'P1', status: 'approved', terminalId: 'TH-1' });
    insertPaymentOf0010(db, { id: 'P2', status: 'pending', terminalId: 'TH-1' });

    migrateTo(db, 170);

    expect(columnsOf(db, 'payments')).toEqual(
      expect.arrayContaining(['pay_link_url', 'pay_link_expires_at', 'link_use']),
    );
    expect(
      db.prepare('SELECT id, status, pay_link_url AS url, link_use AS use FROM payments ORDER BY id').all(),
    ).toEqual([
      { id: 'P1', status: 'approved', url: null, use: null },
      { id: 'P2', status: 'pending', url: null, use: null },
    ]);
    // A card terminal still takes one open attempt at a time.
    expect(() => insertPaymentOf0010(db, { id: 'P3', status: 'pending', terminalId: 'TH-1' })).toThrow(/UNIQUE/);
    // Payment links: several wait at once on the one "terminal".
    for (const id of ['L1', 'L2']) {
      insertPaymentOf0010(db, { id, status: 'pending', terminalId: 'checkout-link' });
      db.prepare("UPDATE payments SET method = 'payment_link', link_use = 'remote' WHERE id = ?").run(id);
    }
    expect(() => db.prepare("UPDATE payments SET link_use = 'sms' WHERE id = 'L1'").run()).toThrow(/CHECK/);
    db.close();
  });
});
