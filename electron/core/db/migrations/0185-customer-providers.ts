import type { Migration } from '../types';

/**
 * The customer's ids at payment providers that keep customers (PayTrace: `{"paytrace":"KASSA-US-1001"}`)
 * and what those providers keep on file for them (`[{"provider":"paytrace","kind":"card","brand":"Visa",
 * "last4":"1111"}]`), both as the back-office sends them, as JSON; NULL: none. SQLite itself refuses
 * five digits in a row in what is on file, so no card or account number can ever be stored there.
 * Customers pulled before this version get theirs with the next change on the back-office (the pull
 * cursor is not reset), like the language in 0120.
 */
export const m0185CustomerProviders: Migration = {
  version: 185,
  name: 'customer-providers',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN provider_customer_ids TEXT
        CHECK (provider_customer_ids IS NULL OR json_type(provider_customer_ids) = 'object');
      ALTER TABLE customers ADD COLUMN on_file TEXT
        CHECK (on_file IS NULL OR (json_type(on_file) = 'array' AND on_file NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'));
    `);
  },
};
