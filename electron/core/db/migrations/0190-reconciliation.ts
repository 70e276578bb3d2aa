import type { Migration } from '../types';

/**
 * Reconciliation (issue 16): the exceptions a manager works through, and how each provider
 * account's settlement import went.
 *
 * - `reconciliation_exceptions`: one row per mismatch; (kind, provider, subject) is unique, so running
 *   detection again adds nothing. `subject` names what it is about (a payment id, or `row:<id>` for a
 *   settlement row). Resolved by a manager (`resolved_by`, `note`) or by later data (`auto_resolved`).
 * - `reconciliation_imports`: per provider account, the last run, its error, and from which day on
 *   the import covers (payments before that day are never called "not settled").
 * - `reconciliation_marks`: how far detection got (last row id, last "not settled" cutoff per provider),
 *   so a run looks only at what is new or recent.
 * - Indexes that keep matching incremental: the rows still unmatched, refunds by provider id.
 */
export const m0190Reconciliation: Migration = {
  version: 190,
  name: 'reconciliation',
  up(db) {
    db.exec(`
      CREATE TABLE reconciliation_exceptions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('not_settled', 'unknown_settlement', 'amount_differs',
          'refund_not_in_kassa', 'chargeback', 'fee_out_of_range')),
        provider TEXT NOT NULL,
        subject TEXT NOT NULL,
        payment_id TEXT REFERENCES payments(id),
        settlement_row_id INTEGER REFERENCES settlement_rows(id),
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
      CREATE INDEX reconciliation_exceptions_open ON reconciliation_exceptions (occurred_on) WHERE resolved_at IS NULL;
      CREATE INDEX reconciliation_exceptions_day ON reconciliation_exceptions (occurred_on);

      CREATE TABLE reconciliation_imports (
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        covered_from TEXT,
        last_started_at TEXT,
        last_finished_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        rows_last INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (provider, account)
      ) STRICT;

      CREATE TABLE reconciliation_marks (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE INDEX refunds_provider_ref ON refunds (provider_ref) WHERE provider_ref IS NOT NULL;
      CREATE INDEX settlement_rows_unmatched ON settlement_rows (id)
        WHERE matched_payment_id IS NULL AND matched_refund_id IS NULL;
      CREATE INDEX settlement_rows_refund_open ON settlement_rows (id)
        WHERE type = 'refund' AND matched_refund_id IS NULL;
      CREATE INDEX settlement_rows_matched_refund ON settlement_rows (matched_refund_id);
      CREATE INDEX settlement_rows_booked ON settlement_rows (booked_at);
    `);
  },
};
