import { BoUser } from '../shared/backoffice/user-schemas';
import type { StoreDb } from './open-store-database';

/**
 * The shop's users in the reference back-office (`GET /v1/users`): name, role, and either a PIN hash
 * in Kassa's scrypt format or an enrolment code the person uses once at the counter.
 */
export function createUserBook(db: StoreDb) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, pin_hash TEXT, enrolment_code TEXT,
      active INTEGER NOT NULL DEFAULT 1) STRICT;
  `);
  type Row = { id: string; name: string; role: string; pin_hash: string | null; enrolment_code: string | null };
  const active = db.prepare<[], Row>('SELECT * FROM users WHERE active = 1 ORDER BY name, id');
  return {
    list(): BoUser[] {
      return active.all().map((row) =>
        BoUser.parse({
          id: row.id,
          name: row.name,
          role: row.role,
          ...(row.pin_hash ? { pinHash: row.pin_hash } : { enrolmentCode: row.enrolment_code }),
        }),
      );
    },
    put(user: BoUser): void {
      BoUser.parse(user);
      db.prepare(
        `INSERT INTO users (id, name, role, pin_hash, enrolment_code, active) VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash,
           enrolment_code = excluded.enrolment_code, active = 1`,
      ).run(user.id, user.name, user.role, user.pinHash ?? null, user.enrolmentCode ?? null);
    },
    deactivate(id: string): void {
      db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(id);
    },
    isEmpty(): boolean {
      return db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined;
    },
  };
}

export type UserBook = ReturnType<typeof createUserBook>;
