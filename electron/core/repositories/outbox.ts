import type { Db } from '../db/types';

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
export interface OutboxRow {
  id: number;
  kind: string;
  aggregateId: string;
  idempotencyKey: string;
  payload: string;
  createdAt: string;
  state: 'waiting' | 'delivered' | 'held';
  attempts: number;
  heldReason: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

const ROW = `id, kind, aggregate_id AS aggregateId, idempotency_key AS idempotencyKey, payload, created_at AS createdAt,
  state, attempts, held_reason AS heldReason, last_error AS lastError, last_attempt_at AS lastAttemptAt,
  next_attempt_at AS nextAttemptAt`;

export function createOutboxRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload, created_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
  );
  // Counted per payment (a payment and its receipt are one thing to the cashier).
  const depth = db.prepare<[], { n: number }>(
    // The audit trail's rows are not payments waiting (and a day close writes one itself).
    "SELECT count(DISTINCT aggregate_id) AS n FROM outbox WHERE state = 'waiting' AND kind <> 'audit_event'",
  );
  const heldCount = db.prepare<[], { n: number }>(
    "SELECT count(DISTINCT aggregate_id) AS n FROM outbox WHERE state = 'held' AND kind <> 'audit_event'",
  );
  const head = db.prepare<[], OutboxRow>(`SELECT ${ROW} FROM outbox WHERE state = 'waiting' ORDER BY id LIMIT 1`);
  const byId = db.prepare<[number], OutboxRow>(`SELECT ${ROW} FROM outbox WHERE id = ?`);
  const listOpen = db.prepare<[], OutboxRow>(`SELECT ${ROW} FROM outbox WHERE state != 'delivered' ORDER BY id`);
  const delivered = db.prepare(
    "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
  );
  const held = db.prepare(
    "UPDATE outbox SET state = 'held', held_reason = ?, last_attempt_at = ?, attempts = attempts + 1 WHERE id = ?",
  );
  const failed = db.prepare(
    'UPDATE outbox SET last_error = ?, last_attempt_at = ?, next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?',
  );
  const heldCredit = db.prepare<[string], { credit: number }>(
    `SELECT coalesce(sum(p.amount_minor), 0) AS credit FROM outbox o JOIN payments p ON p.id = o.aggregate_id
     WHERE o.kind = 'payment.approved' AND o.state = 'held' AND p.customer_id = ?`,
  );
  return {
    enqueue(message: OutboxMessage, at: string): void {
      insert.run(message.kind, message.aggregateId, message.idempotencyKey, JSON.stringify(message.payload), at);
    },
    depth(): number {
      return depth.get()?.n ?? 0;
    },
    heldCount(): number {
      return heldCount.get()?.n ?? 0;
    },
    /** The oldest message still to deliver: delivery is strictly in order. */
    head(): OutboxRow | undefined {
      return head.get();
    },
    /** Everything not yet delivered: waiting and held, oldest first. */
    open(): OutboxRow[] {
      return listOpen.all();
    },
    markDelivered(id: number, at: string): void {
      delivered.run(at, at, id);
    },
    markHeld(id: number, reason: string, at: string): void {
      held.run(reason, at, id);
    },
    markFailed(id: number, error: string, at: string, nextAttemptAt: string): void {
      failed.run(error, at, nextAttemptAt, id);
    },
    /**
     * A manager's retry. A waiting message is tried now; a held one is sent again under a new key
     * (the back-office keeps its refusal under the old key), and its payment is counted as pending again.
     */
    retry(id: number): boolean {
      const row = byId.get(id);
      if (!row || row.state === 'delivered') return false;
      if (row.state === 'waiting') {
        db.prepare('UPDATE outbox SET next_attempt_at = NULL WHERE id = ?').run(id);
        return true;
      }
      const resend = db.prepare(
        "UPDATE outbox SET state = 'waiting', idempotency_key = ?, held_reason = NULL, next_attempt_at = NULL WHERE id = ?",
      );
      // The payment's other held messages (its receipt) go again with it, in their original order.
      const heldTogether = db
        .prepare<[string], OutboxRow>(`SELECT ${ROW} FROM outbox WHERE aggregate_id = ? AND state = 'held' ORDER BY id`)
        .all(row.aggregateId);
      db.transaction(() => {
        for (const held of heldTogether) {
          const base = held.idempotencyKey.replace(/:resend-\d+$/, '');
          resend.run(`${base}:resend-${held.attempts}`, held.id);
        }
      })();
      return true;
    },
    /** Money taken at this counter that the back-office refused to allocate: the customer's credit. */
    heldCreditFor(customerId: string): number {
      return heldCredit.get(customerId)?.credit ?? 0;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
