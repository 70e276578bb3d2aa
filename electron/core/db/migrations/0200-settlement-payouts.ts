import type { Migration } from '../types';

/**
 * Payout totals as the providers state them, and the exception kinds that compare against them.
 *
 * - `settlement_payouts`: per provider account, payout and currency, what the provider says reached
 *   (or will reach) the bank (`net_minor`, shop's sign) and whether the payout was aborted (Vipps
 *   `payout-aborted`: its lines wait for a later payout). Written in the same transaction as the
 *   page's settlement rows and cursor (settlement-repository `storePage`). `changed_at` tells which
 *   payments' settlement references must go to the back-office again.
 * - `reconciliation_exceptions` is rebuilt (SQLite cannot widen a CHECK in place) to accept
 *   `payout_total_differs` and `payout_aborted`, with a `payout_id` column naming the payout;
 *   every existing exception is copied with its id.
 */
export const m0200SettlementPayouts: Migration = {
  version: 200,
  name: 'settlement-payouts',
  up(db) {
    db.exec(`
      CREATE TABLE settlement_payouts (
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        payout_id TEXT NOT NULL,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        settled_on TEXT CHECK (settled_on IS NULL OR settled_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        net_minor INTEGER NOT NULL,
        aborted INTEGER NOT NULL DEFAULT 0 CHECK (aborted IN (0, 1)),
        imported_at TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (provider, account, payout_id, currency)
      ) STRICT;
      CREATE INDEX settlement_payouts_changed ON settlement_payouts (changed_at);

      CREATE TABLE reconciliation_exceptions_v2 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('not_settled', 'unknown_settlement', 'amount_differs',
          'refund_not_in_kassa', 'chargeback', 'fee_out_of_range', 'payout_total_differs', 'payout_aborted')),
        provider TEXT NOT NULL,
        subject TEXT NOT NULL,
        payment_id TEXT REFERENCES payments(id),
        settlement_row_id INTEGER REFERENCES settlement_rows(id),
        payout_id TEXT,
        expected_minor INTEGER,
        actual_minor INTEGER,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        occurred_on TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        note TEXT,
        auto_resolved INTEGER NOT NULL DEFAULT 0 CHECK (auto_resolved IN (0, 1)),
        UNIQUE (kind, provider, subject)
      ) STRICT;
      INSERT INTO reconciliation_exceptions_v2 (id, kind, provider, subject, payment_id, settlement_row_id,
        expected_minor, actual_minor, currency, occurred_on, detected_at, resolved_at, resolved_by, note, auto_resolved)
      SELECT id, kind, provider, subject, payment_id, settlement_row_id, expected_minor, actual_minor, currency,
        occurred_on, detected_at, resolved_at, resolved_by, note, auto_resolved
      FROM reconciliation_exceptions;
      DROP TABLE reconciliation_exceptions;
      ALTER TABLE reconciliation_exceptions_v2 RENAME TO reconciliation_exceptions;
      CREATE INDEX reconciliation_exceptions_open ON reconciliation_exceptions (occurred_on) WHERE resolved_at IS NULL;
      CREATE INDEX reconciliation_exceptions_day ON reconciliation_exceptions (occurred_on);
    `);
  },
};
