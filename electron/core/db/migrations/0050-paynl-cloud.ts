import type { Migration } from '../types';

/**
 * Pay. cloud money safety: the watch for a late approval after an abort survives a restart (its
 * deadline is stored), and a payment Pay. reports as paid with a different amount (-51) keeps the
 * amount actually paid, which is what gets booked if a manager accepts it.
 */
export const m0050PayNlCloud: Migration = {
  version: 50,
  name: 'paynl-cloud',
  up(db) {
    db.exec(`
      ALTER TABLE payments ADD COLUMN late_watch_until TEXT;
      ALTER TABLE payments ADD COLUMN paid_minor INTEGER CHECK (paid_minor IS NULL OR paid_minor > 0);
      CREATE INDEX payments_late_watch ON payments(late_watch_until) WHERE late_watch_until IS NOT NULL;
    `);
  },
};
