import { z } from 'zod';
import { isCurrencyCode } from '../../../shared/money/currency';

/** What a settled line is, in the shop's terms, whatever the provider calls it. */
export const SETTLEMENT_TYPES = ['payment', 'refund', 'chargeback', 'fee', 'adjustment'] as const;
export type SettlementType = (typeof SETTLEMENT_TYPES)[number];

/**
 * One line of a provider's settlement data in Kassa's provider-neutral shape: every provider's
 * settlement source (Pay. clearings, Vipps ledger, Checkout.com financial actions, PayTrace batches)
 * turns its own lines into these, and reconciliation only ever reads these.
 *
 * Amounts are integer minor units signed from the shop's side: a payment's gross is positive, a
 * refund's or a chargeback's negative; `feeMinor` is what the provider kept (positive when charged)
 * and `netMinor = grossMinor − feeMinor` always (the table refuses anything else).
 */
export const SettlementRowInput = z
  .object({
    provider: z.string().min(1).max(40),
    /** The provider account the line belongs to (Pay. service id, Vipps MSN, Checkout.com entity, PayTrace user). */
    account: z.string().min(1).max(100),
    /** The provider's own identity of this line (financial action id, ledger entry id, batch + transaction id). */
    rowKey: z.string().min(1).max(200),
    type: z.enum(SETTLEMENT_TYPES),
    /** The payout (Checkout.com payout id, Vipps payout/funds id, PayTrace batch number); null until paid out. */
    payoutId: z.string().max(200).nullable(),
    /** The day the money reached (or will reach) the shop's bank, YYYY-MM-DD; null until known. */
    settledOn: z.iso.date().nullable(),
    /** When the provider booked the line (ISO 8601). */
    bookedAt: z.iso.datetime({ offset: true }),
    /** The provider's id of the payment (or refund) the line is about, when it has one. */
    providerPaymentRef: z.string().max(200).nullable(),
    /** Kassa's reference (KS…) when the provider echoes it. */
    ourReference: z.string().max(100).nullable(),
    grossMinor: z.number().int().safe(),
    feeMinor: z.number().int().safe(),
    netMinor: z.number().int().safe(),
    currency: z.string().refine(isCurrencyCode, 'not a currency Kassa handles'),
  })
  .strict()
  .refine((row) => row.netMinor === row.grossMinor - row.feeMinor, {
    message: 'net must equal gross minus fee',
    path: ['netMinor'],
  });
export type SettlementRowInput = z.infer<typeof SettlementRowInput>;

/** A stored line: as imported, plus what reconciliation matched it to. */
export interface SettlementRow extends SettlementRowInput {
  readonly id: number;
  readonly matchedPaymentId: string | null;
  readonly matchedRefundId: string | null;
  readonly importedAt: string;
}

/** A window of settlement data asked of a provider; `cursor` is the provider's own paging/progress mark. */
export interface SettlementWindow {
  /** First day asked for, YYYY-MM-DD (inclusive). */
  readonly from: string;
  /** Last day asked for, YYYY-MM-DD (inclusive). */
  readonly to: string;
  /** Where the previous import of this account stopped (opaque to Kassa); null the first time. */
  readonly cursor: string | null;
}

/**
 * What a provider says one payout amounted to (Checkout.com's Payouts report `Payout Amount`, Vipps'
 * `scheduled-for-payout` amount): reconciliation checks it against the sum of the payout's lines' net.
 * `netMinor` is what reaches the shop's bank, in the shop's sign (positive when money comes in).
 */
export const PayoutTotalInput = z
  .object({
    provider: z.string().min(1).max(40),
    account: z.string().min(1).max(100),
    payoutId: z.string().min(1).max(200),
    settledOn: z.iso.date().nullable(),
    netMinor: z.number().int().safe(),
    currency: z.string().refine(isCurrencyCode, 'not a currency Kassa handles'),
    /** The payout did not reach the bank (Vipps `payout-aborted`): its lines are waiting for another payout. */
    aborted: z.boolean(),
  })
  .strict();
export type PayoutTotalInput = z.infer<typeof PayoutTotalInput>;

export interface SettlementPage {
  readonly rows: readonly SettlementRowInput[];
  /** Payout amounts as the provider states them, where it does (optional: not every source has them). */
  readonly payoutTotals?: readonly PayoutTotalInput[];
  /** Where the next import continues; stored only once these rows are committed. */
  readonly cursor: string | null;
  /** More pages follow in this window (fetch again with `cursor`). */
  readonly more: boolean;
}

/**
 * A provider's settlement data, read-only. Implemented in the provider's folder
 * (`payments/<id>/settlements.ts`), returned from its module's `create` as `ProviderInstance.settlements`,
 * and called by reconciliation's import. Throws ProviderError on failure (nothing is stored then).
 */
export interface SettlementSource {
  /** The provider account this source reads (several accounts: several instances). */
  readonly account: string;
  fetch(window: SettlementWindow): Promise<SettlementPage>;
}
