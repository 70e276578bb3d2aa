import type { Migration } from '../types';

/**
 * The people who work at this counter (issue 12). A user comes from the back-office (`source`
 * 'backoffice', keyed by the back-office's id) or is made here by a manager ('local'). The PIN is
 * only ever a salted scrypt hash with its parameters (`scrypt$N$r$p$salt$hash`); a user the
 * back-office announced with an enrolment code has no PIN yet, only the code's hash, until they set
 * one at the counter. `failed_attempts` counts wrong PINs in a row; `locked_at` is set at the limit
 * and only a manager clears it.
 */
export const m0140Users: Migration = {
  version: 140,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'owner')),
        pin_hash TEXT CHECK (pin_hash IS NULL OR pin_hash LIKE 'scrypt$%'),
        enrolment_code_hash TEXT CHECK (enrolment_code_hash IS NULL OR enrolment_code_hash LIKE 'scrypt$%'),
        source TEXT NOT NULL CHECK (source IN ('backoffice', 'local')),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_at TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (pin_hash IS NOT NULL OR enrolment_code_hash IS NOT NULL)
      );
      CREATE INDEX users_active_name ON users (active, name);
    `);
  },
};
