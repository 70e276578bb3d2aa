import { PROBLEM_TYPES, type Problem } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';

export type ReceiptOutcome = { ok: true; receivedAt: string } | { ok: false; problem: Problem };

/**
 * A refund's own document (refund receipt / credit note), kept beside the refund record. The
 * payment's receipt never changes after approval; what was given back later is told here.
 */
export function createRefundReceipts(db: StoreDb) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS refund_receipts (
      refund_id TEXT PRIMARY KEY REFERENCES refunds(refund_id), pdf BLOB NOT NULL, received_at TEXT NOT NULL) STRICT;
  `);
  return {
    attach(refundId: string, pdf: Buffer): ReceiptOutcome {
      if (!db.prepare('SELECT 1 FROM refunds WHERE refund_id = ?').get(refundId)) {
        return {
          ok: false,
          problem: {
            type: PROBLEM_TYPES.unknownRefund,
            title: 'Unknown refund',
            status: 404,
            detail: `unknown refund ${refundId}`,
          },
        };
      }
      const receivedAt = new Date().toISOString();
      db.prepare(
        'INSERT INTO refund_receipts (refund_id, pdf, received_at) VALUES (?, ?, ?) ON CONFLICT(refund_id) DO UPDATE SET pdf = excluded.pdf, received_at = excluded.received_at',
      ).run(refundId, pdf, receivedAt);
      return { ok: true, receivedAt };
    },
    get(refundId: string): Buffer | null {
      const row = db
        .prepare<[string], { pdf: Buffer }>('SELECT pdf FROM refund_receipts WHERE refund_id = ?')
        .get(refundId);
      return row?.pdf ?? null;
    },
  };
}
