import { isCaptured, isOpen, type PaymentStatus, type PendingPhase, phaseRank } from './states';

export interface PaymentState {
  readonly status: PaymentStatus;
  readonly phase: PendingPhase | null;
  readonly cancelRequested: boolean;
  readonly amountMinor: number;
  readonly refundedMinor: number;
}

/** What the provider told us: a status answer, a pushed event, a settlement line. */
export type Observation =
  /** The provider took the attempt; `phase` says what it waits for (card, or the customer's phone). */
  | { readonly type: 'accepted'; readonly phase?: PendingPhase }
  | { readonly type: 'progress'; readonly phase: PendingPhase }
  | { readonly type: 'approved' }
  | { readonly type: 'declined' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'expired' }
  | { readonly type: 'failed' }
  | { readonly type: 'response_lost' };

/** What Kassa or a manager decided. */
export type Command =
  | { readonly type: 'send' }
  | { readonly type: 'never_sent' }
  | { readonly type: 'cancel_requested' }
  | { readonly type: 'refund'; readonly amountMinor: number }
  | { readonly type: 'void' }
  | { readonly type: 'keep' }
  | { readonly type: 'manager_resolved'; readonly outcome: 'approved' | 'failed' };

export type PaymentEvent = Observation | Command;

export type Transition =
  | { readonly kind: 'moved'; readonly state: PaymentState }
  /** A late, repeated or out-of-order observation: recorded as evidence, changes nothing. */
  | { readonly kind: 'ignored'; readonly reason: 'duplicate' | 'stale' }
  | { readonly kind: 'illegal'; readonly reason: string };

const OBSERVATIONS = new Set<PaymentEvent['type']>([
  'accepted',
  'progress',
  'approved',
  'declined',
  'cancelled',
  'expired',
  'failed',
  'response_lost',
]);

export function isObservation(event: PaymentEvent): event is Observation {
  return OBSERVATIONS.has(event.type);
}

/**
 * The payment lifecycle as a pure function. Monotonic: a final state never returns to pending and
 * approved never becomes declined. Provider observations that arrive late are `ignored`, never
 * `illegal`, because providers retry and reorder; commands that make no sense are `illegal`.
 */
export function transition(state: PaymentState, event: PaymentEvent): Transition {
  return isObservation(event) ? observe(state, event) : command(state, event);
}

function observe(state: PaymentState, event: Observation): Transition {
  const { status } = state;
  if (isOpen(status)) return observeOpen(state, event);

  if (event.type === 'approved') {
    if (isCaptured(status)) return ignored('duplicate');
    // The counter had closed the attempt (cancel, timeout, decline) but the provider took the
    // money after all: a manager must refund it or keep it.
    if (status === 'cancelled' || status === 'expired' || status === 'declined' || status === 'failed') {
      return moved(state, { status: 'paid_after_cancel', phase: null });
    }
    return ignored('stale');
  }
  if (event.type === status) return ignored('duplicate');
  return ignored('stale');
}

function observeOpen(state: PaymentState, event: Observation): Transition {
  switch (event.type) {
    case 'accepted':
      if (state.status === 'pending') return ignored('duplicate');
      return moved(state, { status: 'pending', phase: state.phase ?? event.phase ?? 'waiting_card' });
    case 'progress':
      if (state.status === 'pending' && phaseRank(event.phase) <= phaseRank(state.phase)) {
        return ignored(event.phase === state.phase ? 'duplicate' : 'stale');
      }
      return moved(state, { status: 'pending', phase: maxPhase(state.phase, event.phase) });
    case 'response_lost':
      if (state.status === 'recorded') return illegal('a response cannot be lost before anything was sent');
      if (state.status === 'unknown') return ignored('duplicate');
      return moved(state, { status: 'unknown' });
    case 'approved':
      return moved(state, { status: state.cancelRequested ? 'paid_after_cancel' : 'approved', phase: null });
    case 'declined':
    case 'cancelled':
    case 'expired':
    case 'failed':
      return moved(state, { status: event.type, phase: null });
  }
}

function command(state: PaymentState, event: Command): Transition {
  const { status } = state;
  switch (event.type) {
    case 'send':
      return status === 'recorded' ? moved(state, { status: 'sent' }) : illegal(`cannot send a payment in ${status}`);
    case 'never_sent':
      return status === 'recorded'
        ? moved(state, { status: 'failed', phase: null })
        : illegal(`only a recorded attempt can be closed as never sent, not one in ${status}`);
    case 'cancel_requested':
      if (status !== 'sent' && status !== 'pending' && status !== 'unknown') {
        return illegal(`cannot cancel a payment in ${status}`);
      }
      if (state.cancelRequested) return ignored('duplicate');
      return moved(state, { cancelRequested: true });
    case 'refund': {
      if (status !== 'approved' && status !== 'paid_after_cancel' && status !== 'partially_refunded') {
        return illegal(`cannot refund a payment in ${status}`);
      }
      const refunded = state.refundedMinor + event.amountMinor;
      if (!Number.isSafeInteger(event.amountMinor) || event.amountMinor <= 0) return illegal('refund must be positive');
      if (refunded > state.amountMinor) return illegal('refund exceeds what was paid');
      return moved(state, {
        status: refunded === state.amountMinor ? 'refunded' : 'partially_refunded',
        refundedMinor: refunded,
      });
    }
    case 'void':
      return status === 'approved' || status === 'paid_after_cancel'
        ? moved(state, { status: 'voided' })
        : illegal(`cannot void a payment in ${status}`);
    case 'keep':
      return status === 'paid_after_cancel'
        ? moved(state, { status: 'approved' })
        : illegal('only a payment taken after cancel can be kept');
    case 'manager_resolved':
      return status === 'unknown'
        ? moved(state, { status: event.outcome, phase: null })
        : illegal('a manager decides only payments whose outcome is unknown');
  }
}

function maxPhase(a: PendingPhase | null, b: PendingPhase): PendingPhase {
  return phaseRank(a) > phaseRank(b) && a !== null ? a : b;
}

function moved(state: PaymentState, patch: Partial<PaymentState>): Transition {
  return { kind: 'moved', state: { ...state, ...patch } };
}

function ignored(reason: 'duplicate' | 'stale'): Transition {
  return { kind: 'ignored', reason };
}

function illegal(reason: string): Transition {
  return { kind: 'illegal', reason };
}
