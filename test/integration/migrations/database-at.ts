import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateTo } from '../../../electron/core/db/migrate';
import { openDatabase } from '../../../electron/core/db/open-database';
import type { Db } from '../../../electron/core/db/types';

export { migrateTo };

/**
 * A real Kassa SQLite file (WAL, synchronous FULL, foreign keys on: what the app opens) with the
 * migrations run up to `version` and no further, as Signal's `updateToVersion`. A migration test opens
 * the file one version short, writes rows in the shape of that time, then runs `migrateTo(db, version)`.
 */
export function openDatabaseAt(version: number): { db: Db; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'kassa-migration-')), 'kassa.sqlite');
  const db = openDatabase(file, { migrate: false });
  migrateTo(db, version);
  return { db, file };
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Column names of a table as the schema has them now. */
export function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** The customers table has kept its first shape since 0010. */
export function insertCustomer(db: Db, id = 'c1'): void {
  db.prepare(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency)
     VALUES (?, ?, 'Kwekerij Müller', 'kwekerij muller', 'Lisse', NULL, NULL, 'EUR')`,
  ).run(id, `2000-${id}`);
}

/** A payment with the columns 0010 created (every later column is nullable or has a default). */
export function insertPaymentOf0010(
  db: Db,
  row: { id: string; status: string; terminalId?: string; providerRef?: string | null; createdAt?: string },
): void {
  const at = row.createdAt ?? '2026-11-30T09:00:00.000Z';
  db.prepare(
    `INSERT INTO payments (id, request_id, request_hash, reference, idempotency_key, customer_id, amount_minor,
       currency, method, provider, terminal_id, status, provider_ref, card_brand, card_last4, created_at, updated_at)
     VALUES (@id, 'req-' || @id, 'hash', 'ref-' || @id, 'key-' || @id, 'c1', 1250, 'EUR', 'card_terminal', 'paynl',
       @terminalId, @status, @providerRef, 'VISA', '4242', @at, @at)`,
  ).run({
    id: row.id,
    status: row.status,
    terminalId: row.terminalId ?? `t-${row.id}`,
    providerRef: row.providerRef ?? null,
    at,
  });
}
