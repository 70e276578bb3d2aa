import type { Migration } from '../types';

/**
 * Pay links (Checkout.com): where the customer pays and until when, and whether the link was shown
 * at the counter or sent to pay later (existing payments keep NULL). Many links wait at once (one
 * per customer), so "one open attempt per device" no longer covers payment links.
 */
export const m0170PayLinks: Migration = {
  version: 170,
  name: 'pay-links',
  up(db) {
    db.exec(`
      ALTER TABLE payments ADD COLUMN pay_link_url TEXT;
      ALTER TABLE payments ADD COLUMN pay_link_expires_at TEXT;
      ALTER TABLE payments ADD COLUMN link_use TEXT CHECK (link_use IS NULL OR link_use IN ('counter', 'remote'));
      DROP INDEX payments_one_open_per_device;
      CREATE UNIQUE INDEX payments_one_open_per_device ON payments(terminal_id, coalesce(phone, ''))
        WHERE status IN ('recorded','sent','pending','unknown') AND method != 'payment_link';
    `);
  },
};
