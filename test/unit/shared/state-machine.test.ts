import { describe, expect, it } from 'vitest';
import { type PaymentEvent, type PaymentState, transition } from '../../../shared/payment/state-machine';
import { PAYMENT_STATUSES, type PaymentStatus } from '../../../shared/payment/states';

const EVENTS = {
  accepted: { type: 'accepted' },
  progress: { type: 'progress', phase: 'pin' },
  approved: { type: 'approved' },
  declined: { type: 'declined' },
  cancelled: { type: 'cancelled' },
  expired: { type: 'expired' },
  failed: { type: 'failed' },
  response_lost: { type: 'response_lost' },
  send: { type: 'send' },
  never_sent: { type: 'never_sent' },
  cancel_requested: { type: 'cancel_requested' },
  refund: { type: 'refund', amountMinor: 400 },
  void: { type: 'void' },
  keep: { type: 'keep' },
  manager_resolved: { type: 'manager_resolved', outcome: 'approved' },
} as const satisfies Record<string, PaymentEvent>;

type EventName = keyof typeof EVENTS;
/** `→status` moved there; `dup`/`stale` ignored with that reason; `✗` illegal. */
type Expect = `→${PaymentStatus}` | 'dup' | 'stale' | '✗';

const OPEN_FINALS = {
  approved: '→approved',
  declined: '→declined',
  cancelled: '→cancelled',
  expired: '→expired',
  failed: '→failed',
} as const;

const NO_COMMANDS = {
  send: '✗',
  never_sent: '✗',
  cancel_requested: '✗',
  refund: '✗',
  void: '✗',
  keep: '✗',
  manager_resolved: '✗',
} as const;

const CLOSED_UNPAID: Record<EventName, Expect> = {
  accepted: 'stale',
  progress: 'stale',
  approved: '→paid_after_cancel',
  declined: 'stale',
  cancelled: 'stale',
  expired: 'stale',
  failed: 'stale',
  response_lost: 'stale',
  ...NO_COMMANDS,
};
const closedUnpaid = (own: 'declined' | 'cancelled' | 'expired' | 'failed'): Record<EventName, Expect> => ({
  ...CLOSED_UNPAID,
  [own]: 'dup',
});

const CAPTURED_OBSERVATIONS = {
  accepted: 'stale',
  progress: 'stale',
  approved: 'dup',
  declined: 'stale',
  cancelled: 'stale',
  expired: 'stale',
  failed: 'stale',
  response_lost: 'stale',
} as const;

/** The whole lifecycle, written out: every status against every event. */
const TABLE: Record<PaymentStatus, Record<EventName, Expect>> = {
  recorded: {
    accepted: '→pending',
    progress: '→pending',
    ...OPEN_FINALS,
    response_lost: '✗',
    ...NO_COMMANDS,
    send: '→sent',
    never_sent: '→failed',
  },
  sent: {
    accepted: '→pending',
    progress: '→pending',
    ...OPEN_FINALS,
    response_lost: '→unknown',
    ...NO_COMMANDS,
    cancel_requested: '→sent',
  },
  pending: {
    accepted: 'dup',
    progress: '→pending',
    ...OPEN_FINALS,
    response_lost: '→unknown',
    ...NO_COMMANDS,
    cancel_requested: '→pending',
  },
  unknown: {
    accepted: '→pending',
    progress: '→pending',
    ...OPEN_FINALS,
    response_lost: 'dup',
    ...NO_COMMANDS,
    cancel_requested: '→unknown',
    manager_resolved: '→approved',
  },
  approved: { ...CAPTURED_OBSERVATIONS, ...NO_COMMANDS, refund: '→partially_refunded', void: '→voided' },
  declined: closedUnpaid('declined'),
  cancelled: closedUnpaid('cancelled'),
  expired: closedUnpaid('expired'),
  failed: closedUnpaid('failed'),
  paid_after_cancel: {
    ...CAPTURED_OBSERVATIONS,
    ...NO_COMMANDS,
    refund: '→partially_refunded',
    void: '→voided',
    keep: '→approved',
  },
  partially_refunded: { ...CAPTURED_OBSERVATIONS, ...NO_COMMANDS, refund: '→refunded' },
  refunded: { ...CAPTURED_OBSERVATIONS, ...NO_COMMANDS },
  voided: { ...CAPTURED_OBSERVATIONS, approved: 'stale', ...NO_COMMANDS },
};

function stateIn(status: PaymentStatus): PaymentState {
  return {
    status,
    phase: status === 'pending' ? 'waiting_card' : null,
    cancelRequested: false,
    amountMinor: 1_000,
    refundedMinor: status === 'partially_refunded' ? 600 : 0,
  };
}

function outcome(state: PaymentState, event: PaymentEvent): Expect {
  const result = transition(state, event);
  if (result.kind === 'moved') return `→${result.state.status}`;
  if (result.kind === 'illegal') return '✗';
  return result.reason === 'duplicate' ? 'dup' : 'stale';
}

describe('payment state machine', () => {
  const cases = PAYMENT_STATUSES.flatMap((status) =>
    (Object.keys(EVENTS) as EventName[]).map((event) => [status, event, TABLE[status][event]] as const),
  );

  it.each(cases)('%s + %s → %s', (status, event, expected) => {
    expect(outcome(stateIn(status), EVENTS[event])).toBe(expected);
  });

  it('covers every status and event', () => {
    expect(cases).toHaveLength(PAYMENT_STATUSES.length * Object.keys(EVENTS).length);
  });

  it('never moves a pending payment back to an earlier terminal phase', () => {
    const processing = { ...stateIn('pending'), phase: 'processing' as const };
    expect(transition(processing, { type: 'progress', phase: 'pin' })).toEqual({ kind: 'ignored', reason: 'stale' });
    expect(transition(processing, { type: 'progress', phase: 'processing' })).toEqual({
      kind: 'ignored',
      reason: 'duplicate',
    });
  });

  it('calls an approval after the cashier pressed cancel what it is: paid after cancel', () => {
    const cancelling = { ...stateIn('pending'), cancelRequested: true };
    const result = transition(cancelling, { type: 'approved' });
    expect(result.kind === 'moved' && result.state.status).toBe('paid_after_cancel');
  });

  it('records a second cancel press once', () => {
    const cancelling = { ...stateIn('pending'), cancelRequested: true };
    expect(transition(cancelling, { type: 'cancel_requested' })).toEqual({ kind: 'ignored', reason: 'duplicate' });
  });

  it('refuses a refund above what was paid, or of nothing', () => {
    expect(transition(stateIn('approved'), { type: 'refund', amountMinor: 1_001 }).kind).toBe('illegal');
    expect(transition(stateIn('approved'), { type: 'refund', amountMinor: 0 }).kind).toBe('illegal');
    const full = transition(stateIn('approved'), { type: 'refund', amountMinor: 1_000 });
    expect(full.kind === 'moved' && full.state).toMatchObject({ status: 'refunded', refundedMinor: 1_000 });
  });
});
