import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { auditCanonical } from '../shared/audit/audit-canonical';
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

/**
 * The counters' audit trails, kept by the back-office (POST /v1/audit-events): one row per sending
 * station and seq, its hash recomputed on arrival, so a counter's history survives the counter.
 */
export function createAuditEventBook(db: StoreDb) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit_events (
      station_id TEXT NOT NULL, seq INTEGER NOT NULL, record TEXT NOT NULL, prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (station_id, seq)) STRICT;
  `);
  const existing = db.prepare<[string, number], { hash: string; received_at: string }>(
    'SELECT hash, received_at FROM audit_events WHERE station_id = ? AND seq = ?',
  );
  const insert = db.prepare(
    'INSERT INTO audit_events (station_id, seq, record, prev_hash, hash, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const rows = db.prepare<[string], { seq: number; record: string; prev_hash: string; hash: string }>(
    'SELECT seq, record, prev_hash, hash FROM audit_events WHERE station_id = ? ORDER BY seq',
  );

  function record(stationId: string, event: BoAuditEvent): StoredAnswer {
    const { hash, ...fields } = event;
    const id = `${stationId}:${event.seq}`;
    if (createHash('sha256').update(auditCanonical(fields), 'utf8').digest('hex') !== hash) {
      return problem(422, PROBLEM_TYPES.auditHashMismatch, 'Audit hash mismatch', `row ${id}: hash is not the row's`);
    }
    const earlier = existing.get(stationId, event.seq);
    if (earlier) {
      if (earlier.hash !== hash) {
        return problem(409, PROBLEM_TYPES.auditChainConflict, 'Audit chain conflict', `another row ${id} is kept`);
      }
      return { status: 200, body: { id, status: 'recorded', receivedAt: earlier.received_at } };
    }
    const receivedAt = new Date().toISOString();
    insert.run(stationId, event.seq, JSON.stringify(event), event.prevHash, hash, receivedAt);
    return { status: 201, body: { id, status: 'recorded', receivedAt } };
  }

  return {
    record,
    /** What a station sent, in seq order. */
    forStation(stationId: string): BoAuditEvent[] {
      return rows.all(stationId).map((row) => BoAuditEvent.parse(JSON.parse(row.record)));
    },
    /** Each kept row links to the one before it (seq − 1); a gap is a row not (yet) received. */
    verify(stationId: string): { ok: boolean; rows: number; brokenAt: number | null } {
      const kept = rows.all(stationId);
      for (let i = 1; i < kept.length; i++) {
        const [before, row] = [kept[i - 1], kept[i]];
        if (!before || !row || row.seq !== before.seq + 1 || row.prev_hash !== before.hash) {
          return { ok: false, rows: kept.length, brokenAt: row?.seq ?? null };
        }
      }
      return { ok: true, rows: kept.length, brokenAt: null };
    },
  };
}

export type AuditEventBook = ReturnType<typeof createAuditEventBook>;

/** POST /v1/audit-events, idempotent per (station, Idempotency-Key) like every mutation. */
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
