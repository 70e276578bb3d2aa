import type { Migration } from '../types';

/**
 * Business days per station, numbered like Z reports (1, 2, 3… per station, never reused). At most
 * one day is open per station; a closed day keeps the Z report's totals as it was printed
 * (`snapshot`, JSON), so a reprint years later shows the same numbers. `period_start` is where the
 * day's business begins: the previous close (so every moment belongs to exactly one Z) or, for the
 * first day, its opening. Payments belong to the period in which their money was taken (their
 * first approval event), found through a partial index.
 */
export const m0160BusinessDays: Migration = {
  version: 160,
  name: 'business-days',
  up(db) {
    db.exec(`
      CREATE TABLE business_days (
        station_id TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number > 0),
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        period_start TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        override_note TEXT,
        snapshot TEXT,
        PRIMARY KEY (station_id, number),
        CHECK ((state = 'open') = (closed_at IS NULL)),
        CHECK (state = 'open' OR snapshot IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX business_days_one_open ON business_days(station_id) WHERE state = 'open';
      -- The X/Z report finds the payments taken in a period by their approval (day/day-rows.ts).
      CREATE INDEX payment_events_taken ON payment_events(at)
        WHERE outcome = 'moved' AND to_status IN ('approved', 'paid_after_cancel');
    `);
  },
};
