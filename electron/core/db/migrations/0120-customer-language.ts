import type { Migration } from '../types';

/**
 * The customer's language as the back-office gives it (ISO 639-1), for their receipts and e-mails.
 * NULL: the back-office says nothing, so the shop's language. Customers pulled before this version
 * get theirs with the next change on the back-office (the pull cursor is not reset).
 */
export const m0120CustomerLanguage: Migration = {
  version: 120,
  name: 'customer-language',
  up(db) {
    db.exec(`ALTER TABLE customers ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) = 2)`);
  },
};
