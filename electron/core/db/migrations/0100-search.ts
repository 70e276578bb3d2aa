import type { Migration } from '../types';

/**
 * Customer search in under a few milliseconds over 50,000 customers: names through an FTS5 trigram
 * index (any part of a name, three characters or more), kept in step with the customers table by
 * triggers; open-invoice totals of a hit read from one covering index. Customer and invoice numbers
 * already have unique indexes (exact match, number prefix by range), names starting with the query
 * use customers_search_name.
 */
export const m0100Search: Migration = {
  version: 100,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE customers_fts USING fts5(
        search_name, content = 'customers', content_rowid = 'rowid', tokenize = 'trigram'
      );
      INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
      CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, search_name) VALUES (new.rowid, new.search_name);
      END;
      CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, search_name) VALUES ('delete', old.rowid, old.search_name);
      END;
      CREATE TRIGGER customers_fts_update AFTER UPDATE OF search_name ON customers
        WHEN old.search_name IS NOT new.search_name BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, search_name) VALUES ('delete', old.rowid, old.search_name);
        INSERT INTO customers_fts(rowid, search_name) VALUES (new.rowid, new.search_name);
      END;
      CREATE INDEX invoices_outstanding_by_customer ON invoices(customer_id, outstanding_minor)
        WHERE outstanding_minor > 0;
    `);
  },
};
