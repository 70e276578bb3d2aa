import type { Migration } from '../types';

/**
 * What the providers say they settled, in one shape for all of them (see settlement/settlement-row.ts).
 * One row per line of the provider's settlement data; (provider, account, row_key) is the provider's
 * own identity of that line, so importing the same day twice changes nothing. Amounts are signed from
 * the shop's side (a refund's gross is negative) and net = gross − fee always holds (CHECK).
 * `settlement_cursors` keeps, per provider account, how far the import got, so it survives restarts.
 */
export const m0130Settlements: Migration = {
  version: 130,
  name: 'settlements',
  up(db) {
    db.exec(`
      CREATE TABLE settlement_rows (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        row_key TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('payment', 'refund', 'chargeback', 'fee', 'adjustment')),
        payout_id TEXT,
        settled_on TEXT CHECK (settled_on IS NULL OR settled_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        booked_at TEXT NOT NULL,
        provider_payment_ref TEXT,
        our_reference TEXT,
        gross_minor INTEGER NOT NULL,
        fee_minor INTEGER NOT NULL,
        net_minor INTEGER NOT NULL CHECK (net_minor = gross_minor - fee_minor),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        matched_payment_id TEXT REFERENCES payments(id),
        matched_refund_id TEXT REFERENCES refunds(id),
        imported_at TEXT NOT NULL,
        UNIQUE (provider, account, row_key)
      );
      CREATE INDEX settlement_rows_provider_ref ON settlement_rows (provider, provider_payment_ref);
      CREATE INDEX settlement_rows_our_reference ON settlement_rows (our_reference);
      CREATE INDEX settlement_rows_payout ON settlement_rows (provider, payout_id);
      CREATE INDEX settlement_rows_settled_on ON settlement_rows (settled_on);
      CREATE INDEX settlement_rows_matched_payment ON settlement_rows (matched_payment_id);
      CREATE TABLE settlement_cursors (
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        cursor TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (provider, account)
      );
    `);
  },
};
