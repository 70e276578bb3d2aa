import { z } from 'zod';

/** One settled line of a payment, as the provider reported it (issue 16: reconciliation). */
export const BoSettlementLine = z
  .object({
    provider: z.string().min(1).max(40),
    account: z.string().min(1).max(100),
    type: z.enum(['payment', 'refund', 'chargeback', 'fee', 'adjustment']),
    payoutId: z.string().max(200).nullable(),
    settledOn: z.string().max(10).nullable(),
    grossMinor: z.number().int(),
    feeMinor: z.number().int(),
    netMinor: z.number().int(),
    currency: z.string().length(3),
    refundId: z.string().max(64).nullable(),
  })
  .strict()
  .meta({ id: 'SettlementLine' });

/**
 * A payment's settlement references after the counter matched the providers' settlement data:
 * every line (payout id, settled date, gross/fee/net). A newer message for the same payment replaces
 * the older (payout ids are filled in later); the same message twice changes nothing.
 */
export const BoSettlementRefs = z
  .object({
    paymentId: z.string().min(1).max(64),
    reference: z.string().min(1).max(100),
    stationId: z.string().min(1).max(32),
    settlements: z.array(BoSettlementLine).min(1).max(1_000),
  })
  .strict()
  .meta({ id: 'SettlementRefs' });
export type BoSettlementRefs = z.infer<typeof BoSettlementRefs>;
