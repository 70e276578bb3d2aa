import { type BoSettlementRefs, PROBLEM_TYPES } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Settlement references per payment (issue 16): the latest message for a payment replaces the lines
 * of the one before, so a payout id filled in later shows; the same message again (same
 * Idempotency-Key) is answered from the store's idempotency record and changes nothing.
 */
export function createSettlementRefsBook(db: StoreDb) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS settlement_refs (
      payment_id TEXT PRIMARY KEY REFERENCES payments(payment_id),
      reference TEXT NOT NULL, lines TEXT NOT NULL, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL) STRICT;
  `);
  const known = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM payments WHERE payment_id = ?');
  const upsert = db.prepare(
    `INSERT INTO settlement_refs (payment_id, reference, lines, received_at, deliveries) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (payment_id) DO UPDATE SET reference = excluded.reference, lines = excluded.lines,
       received_at = excluded.received_at, deliveries = deliveries + 1`,
  );
  const one = db.prepare<[string], { reference: string; lines: string; deliveries: number }>(
    'SELECT reference, lines, deliveries FROM settlement_refs WHERE payment_id = ?',
  );
  return {
    record(refs: BoSettlementRefs): Answer {
      if ((known.get(refs.paymentId)?.n ?? 0) === 0) {
        const detail = `unknown payment ${refs.paymentId}`;
        return {
          status: 404,
          body: { type: PROBLEM_TYPES.unknownPayment, title: 'Unknown payment', status: 404, detail },
        };
      }
      const receivedAt = new Date().toISOString();
      upsert.run(refs.paymentId, refs.reference, JSON.stringify(refs.settlements), receivedAt);
      return { status: 201, body: { id: refs.paymentId, status: 'recorded', receivedAt } };
    },
    /** What the back-office holds for a payment (tests, and a back-office screen linking payouts). */
    get(paymentId: string) {
      const row = one.get(paymentId);
      return row
        ? {
            reference: row.reference,
            deliveries: row.deliveries,
            settlements: JSON.parse(row.lines) as BoSettlementRefs['settlements'],
          }
        : null;
    },
  };
}

export type SettlementRefsBook = ReturnType<typeof createSettlementRefsBook>;
