import type { Migration } from '../types';

export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        search_name TEXT NOT NULL,
        city TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        currency TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customers_search_name ON customers(search_name);

      CREATE TABLE invoices (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        outstanding_minor INTEGER NOT NULL CHECK (outstanding_minor >= 0 AND outstanding_minor <= amount_minor),
        currency TEXT NOT NULL
      ) STRICT;
      CREATE INDEX invoices_open_by_customer ON invoices(customer_id, due_date) WHERE outstanding_minor > 0;

      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        request_hash TEXT NOT NULL,
        reference TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        method TEXT NOT NULL,
        provider TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        status TEXT NOT NULL,
        phase TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        refunded_minor INTEGER NOT NULL DEFAULT 0,
        provider_ref TEXT,
        provider_status TEXT,
        card_brand TEXT,
        card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
        failure_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_open ON payments(status) WHERE status IN ('recorded','sent','pending','unknown');
      CREATE INDEX payments_by_customer ON payments(customer_id, created_at);
      CREATE INDEX payments_by_created ON payments(created_at);
      -- Invariant 4: one open attempt per terminal, enforced by SQLite itself.
      CREATE UNIQUE INDEX payments_one_open_per_terminal ON payments(terminal_id)
        WHERE status IN ('recorded','sent','pending','unknown');

      CREATE TABLE payment_allocations (
        payment_id TEXT NOT NULL REFERENCES payments(id),
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        remaining_minor INTEGER NOT NULL CHECK (remaining_minor >= 0),
        applied INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (payment_id, invoice_id)
      ) STRICT;
      CREATE INDEX payment_allocations_by_invoice ON payment_allocations(invoice_id);

      CREATE TABLE payment_events (
        id INTEGER PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        outcome TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX payment_events_by_payment ON payment_events(payment_id, id);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_waiting ON outbox(id) WHERE delivered_at IS NULL;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
