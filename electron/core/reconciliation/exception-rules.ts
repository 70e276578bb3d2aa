import type { AuditAppend } from '../audit/audit-entry';
import type { Db } from '../db/types';
import type { SettingsRepository } from '../repositories/settings';

export const EXCEPTION_KINDS = [
  'not_settled',
  'unknown_settlement',
  'amount_differs',
  'refund_not_in_kassa',
  'chargeback',
  'fee_out_of_range',
  'payout_total_differs',
  'payout_aborted',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** How a provider usually behaves: when a payment should have settled, and what fee is normal. */
export interface ProviderExpectation {
  /** Days after the counter approved a payment by which its settlement row should be there. */
  readonly settleDays: number;
  /** Highest fee thought normal, in basis points of the payment (100 = 1 %). */
  readonly maxFeeBps: number;
}

/**
 * The usual delays (reconciliation_receipts.md §A.0): Vipps ledger date + 1 day then the bank day,
 * Pay. the clearing period, Checkout.com the payout day, PayTrace batch day + 1. Weekends and a
 * weekly clearing make the counted days longer, so the defaults leave room.
 */
const DEFAULTS: Record<string, ProviderExpectation> = {
  paynl: { settleDays: 5, maxFeeBps: 400 },
  vipps: { settleDays: 4, maxFeeBps: 400 },
  checkout: { settleDays: 5, maxFeeBps: 400 },
  paytrace: { settleDays: 3, maxFeeBps: 500 },
};
const FALLBACK: ProviderExpectation = { settleDays: 5, maxFeeBps: 500 };

/** Settings keys a manager (or a scripted install) may set per provider. */
export const settleDaysKey = (provider: string) => `reconciliation.settleDays.${provider}`;
export const maxFeeBpsKey = (provider: string) => `reconciliation.maxFeeBps.${provider}`;

/** Saves a provider's expectations (a settings change: audited as `settings.reconciliation.save`). */
export function saveExpectation(
  deps: { db: Db; settings: SettingsRepository; audit?: AuditAppend },
  provider: string,
  next: ProviderExpectation,
): ProviderExpectation {
  return deps.db.transaction(() => {
    const before = expectationOf(provider, deps.settings);
    deps.settings.set(settleDaysKey(provider), String(next.settleDays));
    deps.settings.set(maxFeeBpsKey(provider), String(next.maxFeeBps));
    deps.audit?.({
      action: 'settings.reconciliation.save',
      subject: { kind: 'provider', id: provider },
      before: { ...before },
      after: { ...next },
    });
    return expectationOf(provider, deps.settings);
  })();
}

export function expectationOf(provider: string, settings?: SettingsRepository): ProviderExpectation {
  const base = DEFAULTS[provider] ?? FALLBACK;
  const days = Number(settings?.get(settleDaysKey(provider)) ?? Number.NaN);
  const bps = Number(settings?.get(maxFeeBpsKey(provider)) ?? Number.NaN);
  return {
    settleDays: Number.isInteger(days) && days >= 0 && days <= 60 ? days : base.settleDays,
    maxFeeBps: Number.isInteger(bps) && bps >= 0 && bps <= 10_000 ? bps : base.maxFeeBps,
  };
}
