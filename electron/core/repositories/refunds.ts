import type { RefundDto, RefundKind } from '../../../shared/api/schemas';
import { OPEN_REFUND_SQL } from '../db/sql-list';
import type { Db } from '../db/types';

export type RefundStatus = RefundDto['status'];

export interface RefundRow {
  id: string;
  paymentId: string;
  requestId: string;
  idempotencyKey: string;
  kind: RefundKind;
  amountMinor: number;
  currency: string;
  terminalId: string | null;
  reason: string;
  status: RefundStatus;
  providerRef: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, payment_id AS paymentId, request_id AS requestId, idempotency_key AS idempotencyKey, kind, amount_minor AS amountMinor,
  currency, terminal_id AS terminalId, reason, status, provider_ref AS providerRef, failure_reason AS failureReason,
  created_at AS createdAt, updated_at AS updatedAt FROM refunds`;

/** Refunds are attempts like payments: committed before the provider is asked, every answer recorded. */
export function createRefundRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO refunds (id, payment_id, request_id, idempotency_key, kind, amount_minor, currency, terminal_id, reason, status,
       created_at, updated_at)
     VALUES (@id, @paymentId, @requestId, @idempotencyKey, @kind, @amountMinor, @currency, @terminalId, @reason, 'recorded',
       @createdAt, @createdAt)`,
  );
  const byId = db.prepare<[string], RefundRow>(`${SELECT} WHERE id = ?`);
  const byRequest = db.prepare<[string], RefundRow>(`${SELECT} WHERE request_id = ?`);
  const forPayment = db.prepare<[string], RefundRow>(`${SELECT} WHERE payment_id = ? ORDER BY created_at, id`);
  const open = db.prepare<[], RefundRow>(`${SELECT} WHERE status IN ${OPEN_REFUND_SQL}`);
  const update = db.prepare(
    `UPDATE refunds SET status = @status, provider_ref = coalesce(@providerRef, provider_ref),
       failure_reason = @failureReason, updated_at = @at WHERE id = @id`,
  );
  const inFlight = db.prepare<[string], { total: number }>(
    `SELECT coalesce(sum(amount_minor), 0) AS total FROM refunds
     WHERE payment_id = ? AND status IN ${OPEN_REFUND_SQL}`,
  );

  return {
    insert(row: Omit<RefundRow, 'status' | 'providerRef' | 'failureReason' | 'updatedAt'>): void {
      insert.run(row);
    },
    get(id: string): RefundRow | undefined {
      return byId.get(id);
    },
    byRequestId(requestId: string): RefundRow | undefined {
      return byRequest.get(requestId);
    },
    forPayment(paymentId: string): RefundRow[] {
      return forPayment.all(paymentId);
    },
    open(): RefundRow[] {
      return open.all();
    },
    /** Refunds asked for but not yet confirmed: they count against what may still be refunded. */
    inFlightMinor(paymentId: string): number {
      return inFlight.get(paymentId)?.total ?? 0;
    },
    setStatus(
      id: string,
      status: RefundStatus,
      at: string,
      facts: { providerRef?: string | null; failureReason?: string | null } = {},
    ): void {
      update.run({
        id,
        status,
        at,
        providerRef: facts.providerRef ?? null,
        failureReason: facts.failureReason ?? null,
      });
    },
  };
}

export type RefundRepository = ReturnType<typeof createRefundRepository>;

export function toRefundDto(row: RefundRow, idempotent: boolean): RefundDto {
  return {
    id: row.id,
    kind: row.kind,
    amount: { minor: row.amountMinor, currency: row.currency },
    status: row.status,
    reason: row.reason,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    retryable: row.status === 'unknown' && idempotent,
  };
}
