import { z } from 'zod';
import { PayoutTotalInput } from '../../settlement/settlement-row';

/** A payout the source has seen, kept in the cursor so a later `payout-aborted` can find its dates. */
export const SeenPayout = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  dates: z.array(z.iso.date()),
  settledOn: z.iso.date(),
  netMinor: z.number().int(),
  currency: z.string().length(3),
  /** Every date it paid was read (its stated amount can be checked against the lines). */
  complete: z.boolean().default(true),
});
export type SeenPayout = z.infer<typeof SeenPayout>;
/** Payouts remembered for a later abort (a bank transfer fails within days, not months). */
export const REMEMBERED_PAYOUTS = 12;

/**
 * The payout a `payout-aborted` row undoes. UNCONFIRMED: the Report API does not document how the
 * row names its payout; Kassa takes the payout whose bank-transfer text (`reference`) it repeats,
 * else the one payout whose amount it returns. It does not guess: when no payout, or more than one,
 * returns that amount, none is taken (marking a paid payout aborted would withdraw its payout id from
 * the back-office's settlement references); the caller logs the row.
 */
export function abortedPayout(
  payouts: readonly SeenPayout[],
  abort: { readonly reference?: string | null; readonly amount: number; readonly currency: string },
): SeenPayout | undefined {
  const byReference = abort.reference ? payouts.find((p) => p.reference === abort.reference) : undefined;
  if (byReference) return byReference;
  const byAmount = payouts.filter((p) => p.netMinor === abort.amount && p.currency === abort.currency);
  return byAmount.length === 1 ? byAmount[0] : undefined;
}

export function payoutTotal(account: string, payout: SeenPayout, aborted: boolean): PayoutTotalInput {
  return PayoutTotalInput.parse({
    provider: 'vipps',
    account,
    payoutId: payout.id,
    settledOn: payout.settledOn,
    netMinor: payout.netMinor,
    currency: payout.currency,
    aborted,
  });
}
