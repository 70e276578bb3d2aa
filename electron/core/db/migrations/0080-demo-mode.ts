import type { Migration } from '../types';

/**
 * Whose books the counter holds: pulled customers, invoices, cursors and the payments made against
 * them belong to one back-office (the demo one, or a URL + station). A switch to another back-office
 * copies the old books to an archive file first; `books_archives` says where each one went.
 */
export const m0080DemoMode: Migration = {
  version: 80,
  name: 'demo-mode',
  up(db) {
    db.exec(`
      CREATE TABLE books_owner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kind TEXT NOT NULL CHECK (kind IN ('demo', 'backoffice', 'none')),
        url TEXT,
        station_id TEXT,
        since TEXT NOT NULL,
        CHECK ((kind = 'backoffice') = (url IS NOT NULL AND station_id IS NOT NULL))
      ) STRICT;

      CREATE TABLE books_archives (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT,
        station_id TEXT,
        file TEXT NOT NULL,
        customers INTEGER NOT NULL,
        invoices INTEGER NOT NULL,
        payments INTEGER NOT NULL,
        archived_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
