import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createCustomerRepository } from '../../../electron/core/repositories/customers';
import { columnsOf, insertCustomer, migrateTo, openDatabaseAt } from './database-at';

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

describe('migration 0120 (customer language): the back-office language of a customer', () => {
  it('keeps every customer with no language (the shop’s), then stores what a pull brings', () => {
    const { db } = openDatabaseAt(110);
    insertCustomer(db, 'c1');
    insertCustomer(db, 'c2');

    migrateTo(db, 120);

    expect(columnsOf(db, 'customers')).toContain('language');
    expect(db.prepare('SELECT id, name, language FROM customers ORDER BY id').all()).toEqual([
      { id: 'c1', name: 'Kwekerij Müller', language: null },
      { id: 'c2', name: 'Kwekerij Müller', language: null },
    ]);
    // The repository is today's code: it runs on a fully migrated store, as in the app.
    migrateTo(db, LATEST);
    const customers = createCustomerRepository(db);
    const pulled = { number: '2000-c1', name: 'Kwekerij Müller', city: 'Lisse', email: null, phone: null };
    customers.upsert({ id: 'c1', ...pulled, currency: 'EUR', language: 'de' });
    expect(customers.get('c1')?.language).toBe('de');
    // The back-office drops the language again: back to the shop's.
    customers.upsert({ id: 'c1', ...pulled, currency: 'EUR' });
    expect(customers.get('c1')?.language).toBeNull();
    // Still found by name (the search index follows the table as before).
    expect(customers.search('muller').map((h) => h.id)).toEqual(['c1', 'c2']);
    expect(() => db.prepare("UPDATE customers SET language = 'deu' WHERE id = 'c2'").run()).toThrow(/CHECK/);
    db.close();
  });
});
