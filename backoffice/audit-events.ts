import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUDIT_GENESIS_HASH, auditCanonical } from '../shared/audit/audit-canonical';
import { BoAuditEvent, PROBLEM_TYPES } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';
import { readRequestBody } from './read-request-body';

const MAX_BODY = 1024 * 1024;

/** The store's answer shape (store.ts imports this file, so it is spelled out here). */
interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

const problem = (status: number, type: string, title: string, detail: string): StoredAnswer => ({
  status,
  body: { type, title, status, detail },
});

/** Rows sent without a chain id (a counter before chain ids) form the station's one chain without an id. */
const NO_CHAIN = '';

/**
 * Why a kept chain does not add up: `missing` (a seq not held: not yet received, or never sent),
 * `relinked` (a row's prev_hash is not the hash of the row before it, or row 1's not the genesis
 * hash), `no_predecessor` (a chain starts after seq 1, but the station's chain without an id holds
 * no row seq − 1 for it to link to).
 */
export type AuditChainBreak = 'missing' | 'relinked' | 'no_predecessor';

/** A check of one chain (or of a station's chains: the first break); `rows` counts the rows checked. */
export type AuditChainCheck =
  | { readonly ok: true; readonly rows: number; readonly brokenAt: null }
  | { readonly ok: false; readonly rows: number; readonly brokenAt: number; readonly reason: AuditChainBreak };

/** One chain the back-office holds for a station: its id (null: before chain ids) and the seqs it has. */
export interface KeptAuditChain {
  readonly chainId: string | null;
  readonly rows: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

/**
 * The first shape kept rows per station and seq only; a store file of that time is moved over once,
 * its rows in the chain without an id (what its counters sent).
 */
function ensureAuditTable(db: StoreDb): void {
  const columns = (db.prepare('PRAGMA table_info(audit_events)').all() as { name: string }[]).map((c) => c.name);
  const create = `CREATE TABLE audit_events (
      station_id TEXT NOT NULL, chain_id TEXT NOT NULL, seq INTEGER NOT NULL, record TEXT NOT NULL,
      prev_hash TEXT NOT NULL, hash TEXT NOT NULL, received_at TEXT NOT NULL,
      PRIMARY KEY (station_id, chain_id, seq)) STRICT`;
  if (columns.length === 0) {
    db.exec(create);
    return;
  }
  if (columns.includes('chain_id')) return;
  db.transaction(() => {
    db.exec('ALTER TABLE audit_events RENAME TO audit_events_by_station');
    db.exec(create);
    db.exec(`INSERT INTO audit_events (station_id, chain_id, seq, record, prev_hash, hash, received_at)
      SELECT station_id, '${NO_CHAIN}', seq, record, prev_hash, hash, received_at FROM audit_events_by_station`);
    db.exec('DROP TABLE audit_events_by_station');
  })();
}

/**
 * The counters' audit trails, kept by the back-office (POST /v1/audit-events): one row per sending
 * station, chain and seq, its hash recomputed on arrival, so a counter's history survives the
 * counter. A reinstalled counter (same station id, a new database) sends a new chain that is kept
 * beside the old one; another row for a seq of the same chain is refused (409), as before.
 */
export function createAuditEventBook(db: StoreDb) {
  ensureAuditTable(db);
  const existing = db.prepare<[string, string, number], { hash: string; received_at: string }>(
    'SELECT hash, received_at FROM audit_events WHERE station_id = ? AND chain_id = ? AND seq = ?',
  );
  const insert = db.prepare(
    `INSERT INTO audit_events (station_id, chain_id, seq, record, prev_hash, hash, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const chainRows = db.prepare<[string, string], { seq: number; record: string; prev_hash: string; hash: string }>(
    'SELECT seq, record, prev_hash, hash FROM audit_events WHERE station_id = ? AND chain_id = ? ORDER BY seq',
  );
  const chainsOf = db.prepare<[string], { chain_id: string; rows: number; first_seq: number; last_seq: number }>(
    `SELECT chain_id, count(*) AS rows, min(seq) AS first_seq, max(seq) AS last_seq FROM audit_events
     WHERE station_id = ? GROUP BY chain_id ORDER BY min(received_at), chain_id`,
  );

  function record(stationId: string, event: BoAuditEvent): StoredAnswer {
    // The chain id is beside the row, not in its hash (the canonical form is kassa-audit-v1).
    const { hash, chainId, ...fields } = event;
    const chain = chainId ?? NO_CHAIN;
    const id = chainId ? `${stationId}:${chainId}:${event.seq}` : `${stationId}:${event.seq}`;
    if (createHash('sha256').update(auditCanonical(fields), 'utf8').digest('hex') !== hash) {
      return problem(422, PROBLEM_TYPES.auditHashMismatch, 'Audit hash mismatch', `row ${id}: hash is not the row's`);
    }
    const earlier = existing.get(stationId, chain, event.seq);
    if (earlier) {
      if (earlier.hash !== hash) {
        return problem(409, PROBLEM_TYPES.auditChainConflict, 'Audit chain conflict', `another row ${id} is kept`);
      }
      return { status: 200, body: { id, status: 'recorded', receivedAt: earlier.received_at } };
    }
    const receivedAt = new Date().toISOString();
    insert.run(stationId, chain, event.seq, JSON.stringify(event), event.prevHash, hash, receivedAt);
    return { status: 201, body: { id, status: 'recorded', receivedAt } };
  }

  const chains = (stationId: string): KeptAuditChain[] =>
    chainsOf.all(stationId).map((c) => ({
      chainId: c.chain_id === NO_CHAIN ? null : c.chain_id,
      rows: c.rows,
      firstSeq: c.first_seq,
      lastSeq: c.last_seq,
    }));

  const noChainRow = db.prepare<[string, number], { hash: string }>(
    `SELECT hash FROM audit_events WHERE station_id = ? AND chain_id = '${NO_CHAIN}' AND seq = ?`,
  );

  /**
   * Each kept row of one chain links to the one before it (seq − 1); a gap is a row not (yet) received.
   * The chain's first row links too: row 1 to the genesis hash, and a first row after seq 1 (an
   * upgraded counter's first row with a chain id, ADR 0016) to the station's row seq − 1 in the chain
   * without an id. Without that row the start proves nothing (forged, or a row not yet received).
   */
  function verifyChain(stationId: string, chain: string): AuditChainCheck {
    const kept = chainRows.all(stationId, chain);
    const broken = (at: number, reason: AuditChainBreak): AuditChainCheck => ({
      ok: false,
      rows: kept.length,
      brokenAt: at,
      reason,
    });
    const [start] = kept;
    if (start && start.seq === 1 && start.prev_hash !== AUDIT_GENESIS_HASH) return broken(1, 'relinked');
    if (start && start.seq > 1) {
      const before = noChainRow.get(stationId, start.seq - 1);
      if (!before) return broken(start.seq, 'no_predecessor');
      if (before.hash !== start.prev_hash) return broken(start.seq, 'relinked');
    }
    for (let i = 1; i < kept.length; i++) {
      const [before, row] = [kept[i - 1], kept[i]];
      if (!before || !row) continue;
      if (row.seq !== before.seq + 1) return broken(before.seq + 1, 'missing');
      if (row.prev_hash !== before.hash) return broken(row.seq, 'relinked');
    }
    return { ok: true, rows: kept.length, brokenAt: null };
  }

  return {
    record,
    /** The chains a station sent, oldest first: more than one means the counter was reinstalled (or reset). */
    chains,
    /** What a station sent, chain by chain (oldest chain first), each in seq order; or one chain's rows. */
    forStation(stationId: string, chainId?: string | null): BoAuditEvent[] {
      const ids = chainId === undefined ? chains(stationId).map((c) => c.chainId) : [chainId];
      return ids.flatMap((id) =>
        chainRows.all(stationId, id ?? NO_CHAIN).map((row) => BoAuditEvent.parse(JSON.parse(row.record))),
      );
    },
    /** One chain's links and its start (or each of the station's chains, oldest first): the first break, if any. */
    verify(stationId: string, chainId?: string | null): AuditChainCheck {
      const ids = chainId === undefined ? chains(stationId).map((c) => c.chainId) : [chainId];
      let rows = 0;
      for (const id of ids) {
        const result = verifyChain(stationId, id ?? NO_CHAIN);
        rows += result.rows;
        if (!result.ok) return { ...result, rows };
      }
      return { ok: true, rows, brokenAt: null };
    },
  };
}

export type AuditEventBook = ReturnType<typeof createAuditEventBook>;

/** POST /v1/audit-events, idempotent per (station, Idempotency-Key) like every mutation (`audit:<station>:<chain>:<seq>`). */
export async function auditEventRoute(
  req: IncomingMessage,
  stationId: string,
  key: string,
  store: {
    auditEvents: AuditEventBook;
    idempotent: (station: string, key: string, raw: Buffer, apply: () => StoredAnswer) => StoredAnswer;
  },
): Promise<StoredAnswer> {
  const raw = await readRequestBody(req, MAX_BODY);
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return problem(400, PROBLEM_TYPES.invalidRequest, 'Invalid request', 'body is not JSON');
  }
  const parsed = BoAuditEvent.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return problem(400, PROBLEM_TYPES.invalidRequest, 'Invalid request', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  return store.idempotent(stationId, key, raw, () => store.auditEvents.record(stationId, parsed.data));
}
