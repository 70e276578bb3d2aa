import Database from 'better-sqlite3';
import { migrate } from './migrate';
import type { Db } from './types';

// Kept here too: most callers open a database and name its type from the same module.
export type { Db } from './types';

export class DurabilityError extends Error {
  override name = 'DurabilityError';
}

/**
 * Opens (creating if needed) a Kassa SQLite file with the settings every payment relies on.
 *
 * better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database
 * silently drops to synchronous=NORMAL, which can lose the last commits on power loss. We set FULL
 * on every open and refuse to run if SQLite does not confirm it.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertDurable(db);
    if (options.migrate !== false) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function assertDurable(db: Db): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const synchronous = db.pragma('synchronous', { simple: true });
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  if (journal !== 'wal') throw new DurabilityError(`journal_mode is ${String(journal)}, expected wal`);
  if (synchronous !== 2) throw new DurabilityError(`synchronous is ${String(synchronous)}, expected 2 (FULL)`);
  if (foreignKeys !== 1) throw new DurabilityError('foreign_keys is off');
}
