import { MIGRATIONS } from './migrations';
import type { Db } from './open-database';

export class DbFromFutureError extends Error {
  override name = 'DbFromFutureError';
}

/**
 * Brings the schema to the newest version, one numbered migration per transaction, tracked in
 * PRAGMA user_version. A database written by a newer Kassa is refused rather than guessed at.
 */
export function migrate(db: Db): number {
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > newest) {
    throw new DbFromFutureError(`database is at schema ${current}; this Kassa knows up to ${newest}`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return newest;
}
