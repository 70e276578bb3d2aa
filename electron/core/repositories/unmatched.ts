import type { UnmatchedPaymentDto } from '../../../shared/api/schemas';
import type { Db } from '../db/types';

export interface UnmatchedRow extends Omit<UnmatchedPaymentDto, 'amount'> {
  amountMinor: number;
  currency: string;
  paymentId: string | null;
}

const SELECT = `SELECT id, provider, provider_ref AS providerRef, amount_minor AS amountMinor, currency,
  terminal_id AS terminalId, card_brand AS cardBrand, card_last4 AS cardLast4, paid_at AS paidAt,
  payment_id AS paymentId FROM unmatched_payments`;

/** Money taken on a device without a Kassa reference (SoftPOS typed on the phone), waiting to be assigned. */
export function createUnmatchedRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO unmatched_payments (id, provider, provider_ref, amount_minor, currency, terminal_id, card_brand,
       card_last4, paid_at)
     VALUES (@id, @provider, @providerRef, @amountMinor, @currency, @terminalId, @cardBrand, @cardLast4, @paidAt)
     ON CONFLICT (provider, provider_ref) DO NOTHING`,
  );
  const open = db.prepare<[], UnmatchedRow>(`${SELECT} WHERE payment_id IS NULL ORDER BY paid_at`);
  const byId = db.prepare<[string], UnmatchedRow>(`${SELECT} WHERE id = ?`);
  const byRef = db.prepare<[string, string], UnmatchedRow>(`${SELECT} WHERE provider = ? AND provider_ref = ?`);
  const assign = db.prepare('UPDATE unmatched_payments SET payment_id = ? WHERE id = ? AND payment_id IS NULL');

  return {
    insert(row: Omit<UnmatchedRow, 'paymentId'>): boolean {
      return insert.run(row).changes === 1;
    },
    open(): UnmatchedRow[] {
      return open.all();
    },
    get(id: string): UnmatchedRow | undefined {
      return byId.get(id);
    },
    byProviderRef(provider: string, providerRef: string): UnmatchedRow | undefined {
      return byRef.get(provider, providerRef);
    },
    assign(id: string, paymentId: string): boolean {
      return assign.run(paymentId, id).changes === 1;
    },
  };
}

export type UnmatchedRepository = ReturnType<typeof createUnmatchedRepository>;

export function toUnmatchedDto(row: UnmatchedRow): UnmatchedPaymentDto {
  return {
    id: row.id,
    provider: row.provider,
    providerRef: row.providerRef,
    amount: { minor: row.amountMinor, currency: row.currency },
    terminalId: row.terminalId,
    cardBrand: row.cardBrand,
    cardLast4: row.cardLast4,
    paidAt: row.paidAt,
  };
}
