import { describe, expect, it } from 'vitest';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0080 (demo-mode): whose books the counter holds', () => {
  it('keeps the books it finds, records no owner and no archive, and refuses an owner without its address', () => {
    const { db } = openDatabaseAt(70);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved' });
    db.prepare("INSERT INTO settings (key, value) VALUES ('sync.cursor.invoices', '41')").run();

    migrateTo(db, 80);

    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'sync.cursor.invoices'").get()).toEqual({ value: '41' });
    expect(db.prepare('SELECT count(*) AS n FROM books_owner').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM books_archives').get()).toEqual({ n: 0 });

    const owner = db.prepare('INSERT INTO books_owner (id, kind, url, station_id, since) VALUES (?, ?, ?, ?, ?)');
    expect(() => owner.run(1, 'backoffice', null, null, 'now')).toThrow(/CHECK/);
    expect(() => owner.run(2, 'demo', null, null, 'now')).toThrow(/CHECK/);
    owner.run(1, 'backoffice', 'https://bo.example', 'C1', 'now');
    expect(() => owner.run(1, 'demo', null, null, 'now')).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
