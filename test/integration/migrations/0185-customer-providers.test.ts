import { describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../../electron/core/repositories/customers';
import { columnsOf, insertCustomer, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0185 (customer providers): ids at payment providers and what is on file', () => {
  it('keeps every customer with nothing on file, then stores what a pull brings — never a card number', () => {
    const { db } = openDatabaseAt(130);
    insertCustomer(db, 'c1');
    insertCustomer(db, 'c2');

    migrateTo(db, 185);

    expect(columnsOf(db, 'customers')).toEqual(expect.arrayContaining(['provider_customer_ids', 'on_file']));
    expect(db.prepare('SELECT id, provider_customer_ids, on_file FROM customers ORDER BY id').all()).toEqual([
      { id: 'c1', provider_customer_ids: null, on_file: null },
      { id: 'c2', provider_customer_ids: null, on_file: null },
    ]);
    const customers = createCustomerRepository(db);
    // Customers from before read as having nothing at any provider.
    expect(customers.get('c1')).toMatchObject({ providerCustomerIds: {}, onFile: [] });

    const pulled = { number: '2000-c1', name: 'Evergreen Growers LLC', city: 'Portland OR', email: null, phone: null };
    const visa = { provider: 'paytrace', kind: 'card' as const, brand: 'Visa', last4: '1111' };
    customers.upsert({
      id: 'c1',
      ...pulled,
      currency: 'USD',
      language: 'en',
      providerCustomerIds: { paytrace: 'KASSA-US-1001' },
      // A field the contract does not have is not stored, whatever the object carried.
      onFile: [{ ...visa, expiry: '12/29' } as typeof visa],
    });
    expect(customers.get('c1')).toMatchObject({
      currency: 'USD',
      providerCustomerIds: { paytrace: 'KASSA-US-1001' },
      onFile: [visa],
    });
    expect(db.prepare("SELECT on_file FROM customers WHERE id = 'c1'").pluck().get()).not.toContain('expiry');
    // The back-office drops them again: nothing on file.
    customers.upsert({ id: 'c1', ...pulled, currency: 'USD' });
    expect(customers.get('c1')).toMatchObject({ providerCustomerIds: {}, onFile: [] });
    // Still found by name (the search index follows the table as before).
    expect(customers.search('evergreen').map((h) => h.id)).toEqual(['c1']);

    // SQLite itself refuses anything that could be a card or account number, and malformed JSON.
    const setOnFile = (json: string) => db.prepare("UPDATE customers SET on_file = ? WHERE id = 'c2'").run(json);
    expect(() => setOnFile('[{"provider":"paytrace","kind":"card","last4":"4111111111111111"}]')).toThrow(/CHECK/);
    expect(() => setOnFile('{"kind":"card"}')).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE customers SET provider_customer_ids = '[\"KASSA\"]' WHERE id = 'c2'").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
