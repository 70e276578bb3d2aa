import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { OPEN_PAYMENT_SQL, OPEN_REFUND_SQL } from '../db/sql-list';
import { CURSOR_KEYS } from './pull';

/** Whose customers, invoices and pull cursors the counter holds. */
export type BooksOwner =
  | { readonly kind: 'demo' }
  | { readonly kind: 'none' }
  | { readonly kind: 'backoffice'; readonly url: string; readonly stationId: string };

export function describeOwner(owner: BooksOwner): string {
  return owner.kind === 'backoffice' ? `${owner.url} (station ${owner.stationId})` : `the ${owner.kind} back-office`;
}

/** One back-office is one address + station; `https://bo.example/` and `https://bo.example` are the same. */
export function sameOwner(a: BooksOwner, b: BooksOwner): boolean {
  if (a.kind !== 'backoffice' || b.kind !== 'backoffice') return a.kind === b.kind;
  return normalUrl(a.url) === normalUrl(b.url) && a.stationId === b.stationId;
}

function normalUrl(url: string): string {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/** A file-name-safe name for the archive of an owner's books, e.g. `portal.example.com-4320-C1`. */
function slug(owner: BooksOwner): string {
  if (owner.kind !== 'backoffice') return owner.kind;
  let host = owner.url;
  try {
    const url = new URL(owner.url);
    host = `${url.hostname}${url.port ? `-${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}`;
  } catch {}
  return `${host}-${owner.stationId}`.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 80);
}

/** What must be finished with the old back-office before the counter may leave it. */
export interface SwitchBlockers {
  readonly openPayments: number;
  readonly openRefunds: number;
  /** Messages waiting for the old back-office, and those it refused (held for a manager). */
  readonly waiting: number;
  readonly held: number;
}

interface OwnerRow {
  kind: BooksOwner['kind'];
  url: string | null;
  station_id: string | null;
}

/**
 * The books of one back-office. A switch to another back-office (demo → real, real → another) is
 * refused while payments or refunds are open or messages wait for the old one; otherwise the whole
 * database is first copied to `DATA_DIR/archive/books-<old back-office>-<time>.sqlite`, then the
 * old customers, invoices, payments made against them, outbox and pull cursors are cleared in one
 * transaction, so the new back-office is pulled from its first change on.
 */
export function createBooks(deps: { db: Db; dataDir: string; clock: Clock }) {
  const { db, clock } = deps;
  const readOwner = db.prepare<[], OwnerRow>('SELECT kind, url, station_id FROM books_owner WHERE id = 1');
  const writeOwner = db.prepare<[string, string | null, string | null, string]>(
    `INSERT INTO books_owner (id, kind, url, station_id, since) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, url = excluded.url, station_id = excluded.station_id,
       since = excluded.since`,
  );
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  function owner(): BooksOwner | null {
    const row = readOwner.get();
    if (!row) return null;
    if (row.kind === 'backoffice' && row.url && row.station_id) {
      return { kind: 'backoffice', url: row.url, stationId: row.station_id };
    }
    return { kind: row.kind === 'backoffice' ? 'none' : row.kind };
  }

  function record(target: BooksOwner): void {
    const url = target.kind === 'backoffice' ? target.url : null;
    const station = target.kind === 'backoffice' ? target.stationId : null;
    writeOwner.run(target.kind, url, station, clock.now().toISOString());
  }

  function isEmpty(): boolean {
    const cursors = db
      .prepare(`SELECT count(*) AS n FROM settings WHERE key IN (?, ?)`)
      .get(CURSOR_KEYS.customers, CURSOR_KEYS.invoices) as { n: number };
    return (
      count('SELECT count(*) AS n FROM customers') === 0 &&
      count('SELECT count(*) AS n FROM payments') === 0 &&
      cursors.n === 0
    );
  }

  function blockers(): SwitchBlockers {
    return {
      openPayments: count(`SELECT count(*) AS n FROM payments WHERE status IN ${OPEN_PAYMENT_SQL}`),
      openRefunds: count(`SELECT count(*) AS n FROM refunds WHERE status IN ${OPEN_REFUND_SQL}`),
      // The audit trail is the counter's, not the books': its rows go on to the next back-office.
      waiting: count("SELECT count(*) AS n FROM outbox WHERE state = 'waiting' AND kind <> 'audit_event'"),
      held: count("SELECT count(*) AS n FROM outbox WHERE state = 'held' AND kind <> 'audit_event'"),
    };
  }

  /**
   * Whose books these are when nothing is recorded yet (a database from before this record, or a
   * new one): empty books are the target's; else a back-office stored in Settings made them (`guess`);
   * else the demo's if its back-office ran here and only sandbox terminals were ever paid on; else
   * the target's (a shop's real payments are never held back on a guess).
   */
  function currentOwner(target: BooksOwner, guess: () => BooksOwner | null): BooksOwner {
    const recorded = owner();
    if (recorded) return recorded;
    const demoOnly =
      existsSync(join(deps.dataDir, 'backoffice.sqlite')) &&
      count("SELECT count(*) AS n FROM payments WHERE provider <> 'sandbox'") === 0;
    const assumed = isEmpty() ? target : (guess() ?? (demoOnly ? { kind: 'demo' } : target));
    record(assumed);
    return assumed;
  }

  /** Throws `backoffice_switch_blocked` when the counter may not leave its back-office yet. */
  function assertCanLeave(from: BooksOwner, to: BooksOwner): void {
    if (sameOwner(from, to) || isEmpty()) return;
    const open = blockers();
    // A real back-office that refused a payment (held) still has to learn of that money; the demo
    // back-office's refusals are of demo money and go to the archive with the rest.
    const held = from.kind === 'backoffice' ? open.held : 0;
    const undelivered = open.waiting + held;
    if (open.openPayments + open.openRefunds + undelivered === 0) return;
    throw new ApiError(
      'backoffice_switch_blocked',
      `the counter still has business with ${describeOwner(from)}: ${open.openPayments} open payment(s), ` +
        `${open.openRefunds} open refund(s), ${undelivered} message(s) not delivered. Finish or deliver ` +
        'them first; only then can the counter switch to another back-office.',
      { openPayments: open.openPayments, openRefunds: open.openRefunds, undelivered, from: describeOwner(from) },
    );
  }

  /** Archives the old books and starts clean for `to`; returns the archive file, or null if nothing moved. */
  function switchTo(from: BooksOwner, to: BooksOwner): string | null {
    if (sameOwner(from, to)) return null;
    assertCanLeave(from, to);
    if (isEmpty()) {
      record(to);
      return null;
    }
    const dir = join(deps.dataDir, 'archive');
    mkdirSync(dir, { recursive: true });
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    let file = join(dir, `books-${slug(from)}-${stamp}.sqlite`);
    for (let n = 2; existsSync(file); n++) file = join(dir, `books-${slug(from)}-${stamp}-${n}.sqlite`);
    const moved = {
      customers: count('SELECT count(*) AS n FROM customers'),
      invoices: count('SELECT count(*) AS n FROM invoices'),
      payments: count('SELECT count(*) AS n FROM payments'),
    };
    // A consistent copy of everything first; only then is anything cleared.
    db.prepare('VACUUM INTO ?').run(file);
    db.transaction(() => {
      for (const { table, columns } of bookedTables(db)) {
        const where = columns.length ? ` WHERE ${columns.map((c) => `"${c}" IS NOT NULL`).join(' OR ')}` : '';
        db.prepare(`DELETE FROM "${table}"${where}`).run();
      }
      db.prepare("DELETE FROM outbox WHERE kind <> 'audit_event'").run();
      db.prepare("DELETE FROM settings WHERE key LIKE 'sync.%'").run();
      db.prepare(
        `INSERT INTO books_archives (kind, url, station_id, file, customers, invoices, payments, archived_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        from.kind,
        from.kind === 'backoffice' ? from.url : null,
        from.kind === 'backoffice' ? from.stationId : null,
        file,
        moved.customers,
        moved.invoices,
        moved.payments,
        clock.now().toISOString(),
      );
      record(to);
    }).immediate();
    return file;
  }

  return { owner, currentOwner, record, blockers, assertCanLeave, switchTo, isEmpty };
}

export type Books = ReturnType<typeof createBooks>;

/**
 * `customers` and every table that refers to it, directly or through another such table (invoices,
 * payments, allocations, events, refunds, assigned device payments, and whatever later migrations
 * hang off them), children first so foreign keys hold at every step. `columns`: the references to
 * book rows (rows without one, such as unassigned device payments, are not the back-office's).
 */
function bookedTables(db: Db): { table: string; columns: string[] }[] {
  const tables = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const refs = new Map(
    tables.map((t) => [t, db.pragma(`foreign_key_list("${t}")`) as { table: string; from: string }[]]),
  );
  const booked = new Map<string, string[]>([['customers', []]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const table of tables) {
      if (booked.has(table)) continue;
      const columns = (refs.get(table) ?? []).filter((r) => booked.has(r.table)).map((r) => r.from);
      if (columns.length === 0) continue;
      booked.set(table, columns);
      grew = true;
    }
  }
  // Children first: a table is deleted from once no other booked table still refers to it.
  const order: { table: string; columns: string[] }[] = [];
  const left = new Set(booked.keys());
  while (left.size > 0) {
    const leaf = [...left].find(
      (t) => ![...left].some((other) => other !== t && (refs.get(other) ?? []).some((r) => r.table === t)),
    );
    if (!leaf) throw new Error('the book tables refer to each other in a cycle');
    left.delete(leaf);
    order.push({ table: leaf, columns: booked.get(leaf) ?? [] });
  }
  return order;
}
