import type Database from 'better-sqlite3';

/** A connection to a Kassa SQLite file (see open-database.ts for the settings it is opened with). */
export type Db = Database.Database;

/** One numbered schema step. Runs once, in its own transaction, and never changes after it ships. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
