import type { Migration } from '../types';

/** What the back-office sync needs: the back-office's view of each invoice, and outbox delivery state. */
export const m0020Sync: Migration = {
  version: 20,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE invoices ADD COLUMN remote_outstanding_minor INTEGER;
      ALTER TABLE invoices ADD COLUMN remote_seq INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'open';

      ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (state IN ('waiting', 'delivered', 'held'));
      ALTER TABLE outbox ADD COLUMN held_reason TEXT;
      ALTER TABLE outbox ADD COLUMN last_error TEXT;
      ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      UPDATE outbox SET state = 'delivered' WHERE delivered_at IS NOT NULL;
      DROP INDEX outbox_waiting;
      CREATE INDEX outbox_waiting ON outbox(id) WHERE state = 'waiting';
      CREATE INDEX outbox_by_aggregate ON outbox(aggregate_id, kind);
    `);
  },
};
