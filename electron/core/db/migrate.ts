import { MIGRATIONS } from './migrations';
import type { Db } from './types';

export class DbFromFutureError extends Error {
  override name = 'DbFromFutureError';
}

export const NEWEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the schema to the newest version, one numbered migration per transaction, tracked in
 * PRAGMA user_version. A database written by a newer Kassa is refused rather than guessed at.
 */
export function migrate(db: Db): number {
  return migrateTo(db, NEWEST_SCHEMA);
}

/**
 * Runs the migrations after the file's version up to and including `version` (the migration tests
 * stop one short of the migration they test, write old-shape rows, then go on).
 */
export function migrateTo(db: Db, version: number): number {
  if (version !== 0 && !MIGRATIONS.some((m) => m.version === version)) {
    throw new Error(`there is no migration ${version}`);
  }
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > NEWEST_SCHEMA) {
    throw new DbFromFutureError(`database is at schema ${current}; this Kassa knows up to ${NEWEST_SCHEMA}`);
  }
  if (current > version) throw new Error(`database is at schema ${current}, past ${version}`);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > version) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return version;
}
