import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DbFromFutureError, migrate, migrateTo } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { assertDurable, DurabilityError, openDatabase } from '../../electron/core/db/open-database';
import { OPEN_PAYMENT_SQL, OPEN_VOID_SQL } from '../../electron/core/db/sql-list';
import { OPEN_STATUSES, OPEN_VOID_STATUSES } from '../../shared/payment/states';
import { tempDir } from '../helpers/test-engine';

describe('the SQLite store on a real file', () => {
  it('migrates an empty file to the newest schema', () => {
    const file = join(tempDir(), 'kassa.sqlite');
    const db = openDatabase(file);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'customers',
        'invoices',
        'payments',
        'payment_allocations',
        'payment_events',
        'outbox',
        'settings',
      ]),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is durable on every open, including a reopened WAL file (better-sqlite3 defaults that to NORMAL)', () => {
    const file = join(tempDir(), 'kassa.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    expect(raw.pragma('synchronous', { simple: true })).toBe(1); // the trap: NORMAL on reopen
    raw.close();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses to run on a connection that is not durable', () => {
    const raw = new Database(join(tempDir(), 'x.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    expect(() => assertDurable(raw)).toThrow(DurabilityError);
    raw.close();
  });

  it('migrating twice changes nothing', () => {
    const file = join(tempDir(), 'kassa.sqlite');
    const db = openDatabase(file);
    const schema = () => db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    migrate(db);
    expect(schema()).toEqual(before);
    db.close();
  });

  it('refuses a database written by a newer Kassa', () => {
    const file = join(tempDir(), 'kassa.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99990');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DbFromFutureError);
  });

  it('lets SQLite itself refuse a second open payment on one terminal, and card numbers longer than 4 digits', () => {
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
    db.prepare(
      "INSERT INTO customers (id, number, name, search_name, city, email, phone, currency) VALUES ('c1','1','A','a','X',NULL,NULL,'EUR')",
    ).run();
    const insert = (id: string, last4: string | null) =>
      db
        .prepare(
          `INSERT INTO payments (id, request_id, request_hash, reference, idempotency_key, customer_id, amount_minor, currency,
            method, provider, terminal_id, status, card_last4, created_at, updated_at)
           VALUES (?, ?, 'h', ?, ?, 'c1', 100, 'EUR', 'card_terminal', 'sandbox', 't1', 'pending', ?, 'now', 'now')`,
        )
        .run(id, `r-${id}`, `ref-${id}`, `k-${id}`, last4);
    insert('p1', null);
    expect(() => insert('p2', null)).toThrow(/UNIQUE/);
    db.prepare("UPDATE payments SET status = 'approved' WHERE id = 'p1'").run();
    expect(() => insert('p3', '4111111111111111')).toThrow(/CHECK/);
    insert('p4', '1111');
    db.close();
  });

  it('stops at the version asked for, and refuses an unknown version or going back', () => {
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'), { migrate: false });
    migrateTo(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'voids'").get()).toEqual({ n: 0 });
    expect(() => migrateTo(db, 35)).toThrow(/no migration 35/);
    expect(() => migrateTo(db, 20)).toThrow(/past 20/);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('keeps the open lists of shared/payment/states.ts and the partial indexes that enforce them the same', () => {
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
    const listIn = (index: string) => {
      const row = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(index) as { sql: string };
      const list = /status IN \(([^)]*)\)/.exec(row.sql)?.[1] ?? '';
      return list.split(',').map((v) => v.trim().replace(/'/g, ''));
    };
    expect(listIn('payments_open')).toEqual([...OPEN_STATUSES]);
    expect(listIn('payments_one_open_per_device')).toEqual([...OPEN_STATUSES]);
    expect(listIn('voids_one_open_per_payment')).toEqual([...OPEN_VOID_STATUSES]);
    // The rendered lists still let SQLite use those partial indexes.
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(`SELECT id FROM payments WHERE status IN ${OPEN_PAYMENT_SQL}`)).toMatch(/payments_open|one_open/);
    expect(plan(`SELECT id FROM voids WHERE payment_id = 'p1' AND status IN ${OPEN_VOID_SQL}`)).toMatch(
      /voids_one_open_per_payment|voids_by_payment/,
    );
    db.close();
  });
});
