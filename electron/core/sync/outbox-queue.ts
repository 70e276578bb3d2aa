import type { Db } from '../db/open-database';
import type { OutboxRow } from '../repositories/outbox';

const ROW = `id, kind, aggregate_id AS aggregateId, idempotency_key AS idempotencyKey, payload, created_at AS createdAt,
  state, attempts, held_reason AS heldReason, last_error AS lastError, last_attempt_at AS lastAttemptAt,
  next_attempt_at AS nextAttemptAt`;

/** Reads the waiting messages for a delivery pass, oldest first, a page at a time. */
export function createOutboxQueue(db: Db, pageSize = 256) {
  const page = db.prepare<[number, number], OutboxRow>(
    `SELECT ${ROW} FROM outbox WHERE state = 'waiting' AND id > ? ORDER BY id LIMIT ?`,
  );
  const fresh = db.prepare<[number], OutboxRow>(
    `SELECT ${ROW} FROM outbox o WHERE state = 'waiting' AND attempts = 0 AND NOT EXISTS (
       SELECT 1 FROM outbox p WHERE p.aggregate_id = o.aggregate_id AND p.state = 'waiting' AND p.id < o.id)
     ORDER BY id DESC LIMIT ?`,
  );
  return {
    /** Waiting messages never tried with nothing older waiting for their payment, newest first. */
    fresh(limit = 8): OutboxRow[] {
      return fresh.all(limit);
    },
    /** Every waiting message, including ones enqueued while the pass runs (they have higher ids). */
    *waiting(): Generator<OutboxRow> {
      let after = 0;
      for (;;) {
        const rows = page.all(after, pageSize);
        for (const row of rows) yield row;
        const last = rows.at(-1);
        if (!last || rows.length < pageSize) return;
        after = last.id;
      }
    },
  };
}

export type OutboxQueue = ReturnType<typeof createOutboxQueue>;
