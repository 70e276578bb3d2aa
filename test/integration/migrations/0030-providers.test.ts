import { describe, expect, it } from 'vitest';
import { columnsOf, insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0030 (providers): phones, card slips, refunds, provider events, unmatched payments', () => {
  it('keeps every payment, open ones still one per terminal, and a phone makes a MobilePay request its own device', () => {
    const { db } = openDatabaseAt(20);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'open', status: 'pending', terminalId: 'term-1' });
    insertPaymentOf0010(db, { id: 'done', status: 'approved', terminalId: 'term-1' });

    migrateTo(db, 30);

    expect(columnsOf(db, 'payments')).toEqual(expect.arrayContaining(['phone', 'card_slip']));
    expect(db.prepare('SELECT id, status, phone, card_slip AS slip FROM payments ORDER BY id').all()).toEqual([
      { id: 'done', status: 'approved', phone: null, slip: null },
      { id: 'open', status: 'pending', phone: null, slip: null },
    ]);
    for (const table of ['refunds', 'provider_events', 'unmatched_payments']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    // Still one open attempt per terminal…
    expect(() => insertPaymentOf0010(db, { id: 'second', status: 'sent', terminalId: 'term-1' })).toThrow(/UNIQUE/);
    // …while MobilePay's open requests are one per phone number on the same "terminal".
    const phone = db.prepare('UPDATE payments SET phone = ? WHERE id = ?');
    insertPaymentOf0010(db, { id: 'mp1', status: 'pending', terminalId: 'mobilepay' });
    phone.run('+4712345678', 'mp1');
    insertPaymentOf0010(db, { id: 'mp2', status: 'pending', terminalId: 'mobilepay' });
    phone.run('+4787654321', 'mp2');
    expect(() => phone.run('+4712345678', 'mp2')).toThrow(/UNIQUE/);
    db.close();
  });
});
