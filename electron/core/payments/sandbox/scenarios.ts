import type { PendingPhase } from '../../../../shared/payment/states';

/**
 * Like providers' test amounts, the cents of the amount choose what the sandbox terminal does:
 *   ,05 declined · ,06 customer cancels on the terminal · ,07 no card, terminal times out
 *   ,08 approves after a long wait · ,09 approves, but the answer to the start request is lost
 *   anything else: approved after card and PIN.
 */
export type Scenario = 'approve' | 'decline' | 'customer_cancel' | 'timeout' | 'slow_approve' | 'lost_response';

export function scenarioForAmount(amountMinor: number): Scenario {
  switch (amountMinor % 100) {
    case 5:
      return 'decline';
    case 6:
      return 'customer_cancel';
    case 7:
      return 'timeout';
    case 8:
      return 'slow_approve';
    case 9:
      return 'lost_response';
    default:
      return 'approve';
  }
}

/** `voided`: approved, then voided the same day. */
export type SandboxOutcome = 'approved' | 'declined' | 'cancelled' | 'expired' | 'voided';

interface Timeline {
  /** Phase changes, in units of the phase length, from the moment the terminal got the request. */
  readonly phases: readonly { readonly at: number; readonly phase: PendingPhase }[];
  readonly endAt: number;
  readonly outcome: SandboxOutcome;
}

const CARD_AND_PIN = [
  { at: 0, phase: 'waiting_card' },
  { at: 2, phase: 'pin' },
  { at: 3, phase: 'processing' },
] as const;

export const TIMELINES: Record<Scenario, Timeline> = {
  approve: { phases: CARD_AND_PIN, endAt: 4, outcome: 'approved' },
  lost_response: { phases: CARD_AND_PIN, endAt: 4, outcome: 'approved' },
  decline: { phases: CARD_AND_PIN, endAt: 4, outcome: 'declined' },
  customer_cancel: { phases: CARD_AND_PIN.slice(0, 2), endAt: 3, outcome: 'cancelled' },
  timeout: { phases: CARD_AND_PIN.slice(0, 1), endAt: 8, outcome: 'expired' },
  slow_approve: {
    phases: [
      { at: 0, phase: 'waiting_card' },
      { at: 12, phase: 'pin' },
      { at: 13, phase: 'processing' },
    ],
    endAt: 14,
    outcome: 'approved',
  },
};
