import type { Migration } from '../types';

/**
 * Same-day voids are durable attempts like refunds: the row commits before the provider is asked,
 * so a crash or a lost answer leaves a void that is settled by asking the provider, never resent.
 * At most one void in flight per payment.
 */
export const m0090Voids: Migration = {
  version: 90,
  name: 'voids',
  up(db) {
    db.exec(`
      CREATE TABLE voids (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        request_id TEXT NOT NULL UNIQUE,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('recorded', 'sent', 'unknown', 'voided', 'too_late', 'failed')),
        failure_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX voids_one_open_per_payment ON voids(payment_id)
        WHERE status IN ('recorded', 'sent', 'unknown');
      CREATE INDEX voids_by_payment ON voids(payment_id, created_at);
    `);
  },
};
