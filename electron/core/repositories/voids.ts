import type { OPEN_VOID_STATUSES } from '../../../shared/payment/states';
import { OPEN_VOID_SQL } from '../db/sql-list';
import type { Db } from '../db/types';

export type VoidStatus = (typeof OPEN_VOID_STATUSES)[number] | 'voided' | 'too_late' | 'failed';

export interface VoidRow {
  id: string;
  paymentId: string;
  requestId: string;
  note: string;
  status: VoidStatus;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, payment_id AS paymentId, request_id AS requestId, note, status,
  failure_reason AS failureReason, created_at AS createdAt, updated_at AS updatedAt FROM voids`;

/** Same-day voids: committed before the provider is asked, every answer recorded. */
export function createVoidRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO voids (id, payment_id, request_id, note, status, created_at, updated_at)
     VALUES (@id, @paymentId, @requestId, @note, 'recorded', @createdAt, @createdAt)`,
  );
  const byId = db.prepare<[string], VoidRow>(`${SELECT} WHERE id = ?`);
  const byRequest = db.prepare<[string], VoidRow>(`${SELECT} WHERE request_id = ?`);
  const openForPayment = db.prepare<[string], VoidRow>(`${SELECT} WHERE payment_id = ? AND status IN ${OPEN_VOID_SQL}`);
  const latest = db.prepare<[string], VoidRow>(
    `${SELECT} WHERE payment_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const open = db.prepare<[], VoidRow>(`${SELECT} WHERE status IN ${OPEN_VOID_SQL} ORDER BY created_at`);
  const update = db.prepare(
    'UPDATE voids SET status = @status, failure_reason = @failureReason, updated_at = @at WHERE id = @id',
  );

  return {
    insert(row: Pick<VoidRow, 'id' | 'paymentId' | 'requestId' | 'note' | 'createdAt'>): void {
      insert.run(row);
    },
    get(id: string): VoidRow | undefined {
      return byId.get(id);
    },
    byRequestId(requestId: string): VoidRow | undefined {
      return byRequest.get(requestId);
    },
    /** The void in flight for a payment (asked, answer not yet known), if any. */
    openForPayment(paymentId: string): VoidRow | undefined {
      return openForPayment.get(paymentId);
    },
    latestForPayment(paymentId: string): VoidRow | undefined {
      return latest.get(paymentId);
    },
    open(): VoidRow[] {
      return open.all();
    },
    setStatus(id: string, status: VoidStatus, at: string, failureReason: string | null = null): void {
      update.run({ id, status, at, failureReason });
    },
  };
}

export type VoidRepository = ReturnType<typeof createVoidRepository>;
