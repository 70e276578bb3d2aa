import { describe, expect, it } from 'vitest';
import { insertCustomer, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0100 (search): the name index covers the customers already on file', () => {
  it('finds a customer pulled before the upgrade by any part of the name, and follows later renames', () => {
    const { db } = openDatabaseAt(90);
    insertCustomer(db, 'c1');

    migrateTo(db, 100);

    const find = (text: string) =>
      db
        .prepare(
          `SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid WHERE customers_fts MATCH ? ORDER BY c.id`,
        )
        .all(`"${text}"`);
    expect(find('muller')).toEqual([{ id: 'c1' }]);
    expect(find('kwek')).toEqual([{ id: 'c1' }]);

    db.prepare("UPDATE customers SET search_name = 'bloemenhuis de roos' WHERE id = 'c1'").run();
    expect(find('muller')).toEqual([]);
    expect(find('roos')).toEqual([{ id: 'c1' }]);
    db.prepare("DELETE FROM customers WHERE id = 'c1'").run();
    expect(find('roos')).toEqual([]);
    db.close();
  });
});
