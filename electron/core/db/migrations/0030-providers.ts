import type { Migration } from '../types';

/**
 * Real providers: MobilePay requests go to a phone rather than a terminal, card slips come back
 * from Pay., refunds are their own durable attempts, incoming provider calls are de-duplicated, and
 * payments taken on a device without a Kassa reference wait to be assigned.
 */
export const m0030Providers: Migration = {
  version: 30,
  name: 'providers',
  up(db) {
    db.exec(`
      ALTER TABLE payments ADD COLUMN phone TEXT;
      ALTER TABLE payments ADD COLUMN card_slip TEXT;

      -- One open attempt per terminal, and for MobilePay one per phone number.
      DROP INDEX payments_one_open_per_terminal;
      CREATE UNIQUE INDEX payments_one_open_per_device ON payments(terminal_id, coalesce(phone, ''))
        WHERE status IN ('recorded','sent','pending','unknown');
      CREATE INDEX payments_by_provider_ref ON payments(provider, provider_ref);

      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        request_id TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('online', 'terminal')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        terminal_id TEXT,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('recorded', 'sent', 'pending', 'unknown', 'succeeded', 'failed')),
        provider_ref TEXT,
        failure_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX refunds_by_payment ON refunds(payment_id, created_at);

      CREATE TABLE provider_events (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        event_key TEXT NOT NULL,
        received_at TEXT NOT NULL,
        verified INTEGER NOT NULL,
        summary TEXT NOT NULL,
        outcome TEXT,
        UNIQUE (provider, event_key)
      ) STRICT;

      CREATE TABLE unmatched_payments (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        provider_ref TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        terminal_id TEXT,
        card_brand TEXT,
        card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
        paid_at TEXT NOT NULL,
        payment_id TEXT REFERENCES payments(id),
        UNIQUE (provider, provider_ref)
      ) STRICT;
    `);
  },
};
