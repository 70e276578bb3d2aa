import type { Db } from '../db/open-database';

export interface OutboxMessage {
  kind: string;
  aggregateId: string;
  idempotencyKey: string;
  payload: unknown;
}

/**
 * Messages for the back-office, written in the same transaction as the change they report, so a
 * payment can never be approved locally without its message (the sync engine delivers them).
 */
export function createOutboxRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload, created_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
  );
  const depth = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL');
  const forAggregate = db.prepare<[string], { kind: string; idempotency_key: string; payload: string }>(
    'SELECT kind, idempotency_key, payload FROM outbox WHERE aggregate_id = ? ORDER BY id',
  );
  return {
    enqueue(message: OutboxMessage, at: string): void {
      insert.run(message.kind, message.aggregateId, message.idempotencyKey, JSON.stringify(message.payload), at);
    },
    depth(): number {
      return depth.get()?.n ?? 0;
    },
    forAggregate(aggregateId: string) {
      return forAggregate.all(aggregateId).map((row) => ({
        kind: row.kind,
        idempotencyKey: row.idempotency_key,
        payload: JSON.parse(row.payload) as unknown,
      }));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
