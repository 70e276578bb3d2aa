export const PAYMENT_STATUSES = [
  'recorded',
  'sent',
  'pending',
  'unknown',
  'approved',
  'declined',
  'cancelled',
  'expired',
  'failed',
  'paid_after_cancel',
  'partially_refunded',
  'refunded',
  'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Where a pending payment is on the terminal or phone. Ordered: a payment never moves back. */
export const PENDING_PHASES = ['waiting_card', 'waiting_customer', 'pin', 'processing'] as const;
export type PendingPhase = (typeof PENDING_PHASES)[number];

const PHASE_RANK: Record<PendingPhase, number> = { waiting_card: 1, waiting_customer: 1, pin: 2, processing: 3 };

export function phaseRank(phase: PendingPhase | null): number {
  return phase === null ? 0 : PHASE_RANK[phase];
}

/** The attempt may still be at the provider: it blocks its terminal and its invoices' amounts. */
export const OPEN_STATUSES = ['recorded', 'sent', 'pending', 'unknown'] as const satisfies readonly PaymentStatus[];

/** A refund in flight: the states of an attempt that may still be at the provider, as for a payment. */
export const OPEN_REFUND_STATUSES = OPEN_STATUSES;

/** A void in flight: asked, the provider's answer not yet known (a void has no pending phase). */
export const OPEN_VOID_STATUSES = ['recorded', 'sent', 'unknown'] as const;

/** Money was taken (and possibly partly given back). */
export const CAPTURED_STATUSES = [
  'approved',
  'paid_after_cancel',
  'partially_refunded',
  'refunded',
] as const satisfies readonly PaymentStatus[];

export function isOpen(status: PaymentStatus): boolean {
  return (OPEN_STATUSES as readonly PaymentStatus[]).includes(status);
}

export function isCaptured(status: PaymentStatus): boolean {
  return (CAPTURED_STATUSES as readonly PaymentStatus[]).includes(status);
}
