import Database from 'better-sqlite3';

export type StoreDb = Database.Database;

/**
 * Opens the back-office's own SQLite file. The back-office is a separate program with its own
 * schema (store.ts creates it), so it does not borrow the counter's opener or migrations; it keeps
 * the same durability settings, because it holds books too.
 */
export function openStoreDatabase(file: string): StoreDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (db.pragma('synchronous', { simple: true }) !== 2)
      throw new Error('the back-office store is not synchronous=FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
