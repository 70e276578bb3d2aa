import type { IncomingMessage } from 'node:http';
import { BoDayCloseRecord, PROBLEM_TYPES } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';
import { readRequestBody } from './read-request-body';
import { type BackofficeStore, problem, type StoredAnswer } from './store';

const ready = new WeakSet<StoreDb>();

function table(db: StoreDb): StoreDb {
  if (!ready.has(db)) {
    db.exec(`CREATE TABLE IF NOT EXISTS day_closes (
      station_id TEXT NOT NULL, number INTEGER NOT NULL, record TEXT NOT NULL, received_at TEXT NOT NULL,
      PRIMARY KEY (station_id, number)) STRICT;`);
    ready.add(db);
  }
  return db;
}

/**
 * POST /v1/day-closes: a station's Z report. One record per station and Z number, whatever the
 * Idempotency-Key: a second one (a counter re-sending under a new key) is answered with the first.
 */
export async function dayCloseRoute(
  store: BackofficeStore,
  req: IncomingMessage,
  stationId: string,
  key: string,
): Promise<StoredAnswer> {
  if (req.method !== 'POST') return problem(404, PROBLEM_TYPES.invalidRequest, `no route ${req.method} /v1/day-closes`);
  const raw = await readRequestBody(req, 1024 * 1024);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return problem(400, PROBLEM_TYPES.invalidRequest, 'body is not JSON');
  }
  const parsed = BoDayCloseRecord.safeParse(body);
  if (!parsed.success) return problem(400, PROBLEM_TYPES.invalidRequest, parsed.error.message);
  const record = parsed.data;
  if (record.stationId !== stationId) return problem(403, PROBLEM_TYPES.unauthorized, 'stationId is not yours');
  return store.idempotent(stationId, key, raw, () => {
    const db = table(store.db);
    const id = `${record.stationId}-Z${record.number}`;
    const receivedAt = new Date().toISOString();
    const inserted = db
      .prepare('INSERT OR IGNORE INTO day_closes (station_id, number, record, received_at) VALUES (?, ?, ?, ?)')
      .run(record.stationId, record.number, JSON.stringify(record), receivedAt);
    if (inserted.changes > 0) return { status: 201, body: { id, status: 'recorded', receivedAt } };
    const first = db
      .prepare<[string, number], { received_at: string }>(
        'SELECT received_at FROM day_closes WHERE station_id = ? AND number = ?',
      )
      .get(record.stationId, record.number);
    return { status: 200, body: { id, status: 'recorded', receivedAt: first?.received_at ?? receivedAt } };
  });
}

/** The day-close records a back-office holds (tests, the admin view). */
export function dayCloses(store: BackofficeStore): BoDayCloseRecord[] {
  return table(store.db)
    .prepare<[], { record: string }>('SELECT record FROM day_closes ORDER BY station_id, number')
    .all()
    .map((row) => BoDayCloseRecord.parse(JSON.parse(row.record)));
}
