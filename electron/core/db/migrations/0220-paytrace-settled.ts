import type { Migration } from '../types';

/**
 * What Kassa learned of each PayTrace sale's settlement (issue 15's void-or-refund choice), so a
 * restart does not forget it. "Settled" is final and comes from two places: a settled batch the
 * reconciliation import stored (`settlement_rows`, provider 'paytrace', read there and not copied,
 * so it commits in the import's own transaction) and this table (an export row with a batch number,
 * read when a void or the screen asked). "Unsettled" is only true until PayTrace's next batch
 * close, so `learned_at` says when it was learned (payments/paytrace/settled-store.ts).
 * Keyed by Kassa's payment reference: PayTrace's `invoice_id`, one sale each (a sale is never re-sent).
 */
export const m0220PayTraceSettled: Migration = {
  version: 220,
  name: 'paytrace-settled',
  up(db) {
    db.exec(`
      CREATE TABLE paytrace_settlement_state (
        reference TEXT PRIMARY KEY,
        rail TEXT NOT NULL CHECK (rail IN ('card', 'check')),
        transaction_id INTEGER,
        state TEXT NOT NULL CHECK (state IN ('unsettled', 'settled')),
        batch_number INTEGER,
        learned_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('sale', 'export')),
        CHECK (state = 'settled' OR batch_number IS NULL)
      ) STRICT;
    `);
  },
};
