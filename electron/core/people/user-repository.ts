import type { Role } from '../../../shared/api/method-access';
import type { Db } from '../db/open-database';

/** A user row as the core uses it. The hashes stay inside electron/core/people; no DTO carries them. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pinHash: string | null;
  readonly enrolmentCodeHash: string | null;
  readonly source: 'backoffice' | 'local';
  readonly failedAttempts: number;
  readonly lockedAt: string | null;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  role: Role;
  pin_hash: string | null;
  enrolment_code_hash: string | null;
  source: 'backoffice' | 'local';
  failed_attempts: number;
  locked_at: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: Row): UserRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  pinHash: row.pin_hash,
  enrolmentCodeHash: row.enrolment_code_hash,
  source: row.source,
  failedAttempts: row.failed_attempts,
  lockedAt: row.locked_at,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pinHash: string | null;
  readonly enrolmentCodeHash: string | null;
  readonly source: 'backoffice' | 'local';
}

export function createUserRepository(db: Db) {
  const byId = db.prepare<[string], Row>('SELECT * FROM users WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM users ORDER BY active DESC, name COLLATE NOCASE, id');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const insert = db.prepare(
    `INSERT INTO users (id, name, role, pin_hash, enrolment_code_hash, source, created_at, updated_at)
     VALUES (@id, @name, @role, @pinHash, @enrolmentCodeHash, @source, @now, @now)`,
  );
  const setPin = db.prepare(
    `UPDATE users SET pin_hash = ?, enrolment_code_hash = NULL, failed_attempts = 0, locked_at = NULL, updated_at = ?
     WHERE id = ?`,
  );
  const setEnrolment = db.prepare(
    'UPDATE users SET pin_hash = NULL, enrolment_code_hash = ?, updated_at = ? WHERE id = ?',
  );
  const failed = db.prepare(
    `UPDATE users SET failed_attempts = failed_attempts + 1,
       locked_at = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_at END, updated_at = ?
     WHERE id = ?`,
  );
  const succeeded = db.prepare('UPDATE users SET failed_attempts = 0 WHERE id = ? AND failed_attempts > 0');
  const unlock = db.prepare('UPDATE users SET failed_attempts = 0, locked_at = NULL, updated_at = ? WHERE id = ?');
  const setActive = db.prepare('UPDATE users SET active = ?, updated_at = ? WHERE id = ?');
  const fromBackoffice = db.prepare(
    `UPDATE users SET name = @name, role = @role, active = 1, updated_at = @now,
       pin_hash = CASE WHEN @pinHash IS NOT NULL THEN @pinHash ELSE pin_hash END,
       enrolment_code_hash = CASE WHEN @pinHash IS NOT NULL THEN NULL
         WHEN pin_hash IS NULL THEN @enrolmentCodeHash ELSE enrolment_code_hash END
     WHERE id = @id`,
  );
  const backofficeIds = db.prepare<[], { id: string }>(
    "SELECT id FROM users WHERE source = 'backoffice' AND active = 1",
  );

  return {
    get(id: string): UserRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },
    list(): UserRecord[] {
      return all.all().map(toRecord);
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    insert(user: NewUser, now: string): void {
      insert.run({ ...user, now });
    },
    setPin(id: string, pinHash: string, now: string): void {
      setPin.run(pinHash, now, id);
    },
    setEnrolment(id: string, codeHash: string, now: string): void {
      setEnrolment.run(codeHash, now, id);
    },
    /** One more wrong PIN; at `limit` in a row the user is locked out (the same statement, no race). */
    recordFailure(id: string, limit: number, now: string): UserRecord | null {
      failed.run(limit, now, now, id);
      return this.get(id);
    },
    recordSuccess(id: string): void {
      succeeded.run(id);
    },
    unlock(id: string, now: string): void {
      unlock.run(now, id);
    },
    setActive(id: string, active: boolean, now: string): void {
      setActive.run(active ? 1 : 0, now, id);
    },
    /**
     * A user as the back-office sends them. A PIN hash from the back-office wins; an enrolment code
     * only counts while the person has not set a PIN here yet (it must not undo their PIN).
     */
    upsertFromBackoffice(user: Omit<NewUser, 'source'>, now: string): void {
      if (byId.get(user.id)) fromBackoffice.run({ ...user, now });
      else insert.run({ ...user, source: 'backoffice', now });
    },
    activeBackofficeIds(): string[] {
      return backofficeIds.all().map((row) => row.id);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
