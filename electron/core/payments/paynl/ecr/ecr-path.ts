import type { PendingPhase } from '../../../../../shared/payment/states';
import type { AttemptRef, ProviderStatus, StartRequest } from '../../provider';
import { ProviderError } from '../../provider';
import type { PayOrder } from '../paynl-schemas';
import { createEcrCloudCheck, type LanOrderGuard } from './ecr-cloud-check';
import { EcrConnection } from './ecr-connection';
import { ECR_DONE_EVENTS, type EcrHistoryItem, type EcrTransactionEvent } from './ecr-messages';

/** Attempts sent over the LAN carry this prefix instead of a Pay. order id until the cloud confirms them. */
export const LAN_REF_PREFIX = 'lan:';

export interface EcrPathOptions {
  /** The terminal's address on the shop network, from discovery. */
  address(terminalId: string): string | null;
  port: number;
  /** Pay.'s cloud view of an order: the only word Kassa takes for "paid" (and for "not paid"). */
  cloudOrder(orderId: string): Promise<PayOrder>;
  /** Other payments' Pay. ids and the evidence trail: an order id named by the terminal is checked against them. */
  guard?: LanOrderGuard;
  /** The Order:Create object the terminal is given. */
  transaction(request: StartRequest): Record<string, unknown>;
  /** A live event arrived: ask for the status now rather than at the next poll. */
  onEvent(reference: string): void;
}

interface Session {
  connection: EcrConnection;
  last: EcrTransactionEvent | null;
}

const PHASES: Partial<Record<EcrTransactionEvent['event'], PendingPhase>> = {
  STARTED: 'waiting_card',
  PIN_INPUT_PENDING: 'pin',
  // A wrong PIN: the customer may try again (see ECR_DONE_EVENTS).
  PIN_INPUT_ERROR: 'pin',
  PROCESSING: 'processing',
  QUEUED: 'processing',
};

const isDone = (event: EcrTransactionEvent): boolean => (ECR_DONE_EVENTS as readonly string[]).includes(event.event);

/** What a finished terminal claims, in Kassa's words: a lead for the cloud query, never the outcome. */
function claimOfEvent(event: EcrTransactionEvent): ProviderStatus {
  switch (event.event) {
    case 'COMPLETED':
      return event.approved
        ? { kind: 'approved', card: null, raw: 'ECR COMPLETED approved' }
        : { kind: 'declined', reason: 'card_declined', raw: 'ECR COMPLETED declined' };
    case 'CANCELLED':
      return { kind: 'cancelled', raw: 'ECR CANCELLED' };
    case 'QUEUED':
      return { kind: 'pending', phase: 'processing', raw: 'ECR QUEUED' };
    default:
      return { kind: 'failed', reason: 'terminal_failed', raw: `ECR ${event.event}` };
  }
}

function claimOfHistory(item: EcrHistoryItem): ProviderStatus {
  switch (item.status) {
    case 'SUCCESS':
      return { kind: 'approved', card: null, raw: 'ECR SUCCESS' };
    case 'CANCEL':
      return { kind: 'cancelled', raw: 'ECR CANCEL' };
    case 'EXPIRED':
      return { kind: 'expired', raw: 'ECR EXPIRED' };
    case 'FAILED':
      return { kind: 'failed', reason: 'terminal_failed', raw: 'ECR FAILED' };
    case 'QUEUED':
      return { kind: 'pending', phase: 'processing', raw: 'ECR QUEUED' };
  }
}

/**
 * PAY.ECR: payments started on an Android PAY.POS terminal over the shop LAN, with live events.
 * The LAN is not trusted (ADR 0009): live events move the screen; the outcome, yes or no, is Pay.'s
 * cloud status of the order the terminal names, and only if that order is this attempt's own. A
 * dropped connection is recovered from the terminal's history by our reference.
 */
export function createEcrPath(options: EcrPathOptions) {
  const sessions = new Map<string, Session>();
  const cloud = createEcrCloudCheck({ cloudOrder: options.cloudOrder, guard: options.guard });

  async function open(terminalId: string): Promise<EcrConnection> {
    const address = options.address(terminalId);
    if (!address)
      throw new ProviderError('refused', 'terminal_not_on_lan', `${terminalId} was not found on the network`);
    try {
      return await EcrConnection.open(address, options.port);
    } catch (error) {
      throw new ProviderError('refused', 'terminal_unreachable', String(error));
    }
  }

  /** The terminal's history entry for our reference; null when it has none (yet). */
  async function historyOf(attempt: AttemptRef, live: EcrConnection | null): Promise<EcrHistoryItem | null> {
    const connection =
      live ??
      (await open(attempt.terminalId).catch((error: unknown) => {
        throw new ProviderError('outcome_unknown', 'terminal_unreachable', String(error));
      }));
    try {
      const answer = await connection.request(
        { type: 'HISTORY_GET', needle: attempt.reference },
        'HISTORY_GET_RESPONSE',
      );
      return answer.type === 'ERROR' ? null : answer;
    } finally {
      if (connection !== live) connection.close();
    }
  }

  /** Turns the terminal's claim into Kassa's answer: Pay.'s cloud decides wherever there is an order to ask about. */
  async function judge(attempt: AttemptRef, claim: ProviderStatus, orderId: string | null): Promise<ProviderStatus> {
    if (claim.kind === 'pending' || claim.kind === 'not_found' || claim.kind === 'needs_review') return claim;
    if (orderId) return cloud.confirm(attempt, orderId, claim.raw);
    if (claim.kind === 'approved') return { kind: 'pending', phase: 'processing', raw: `${claim.raw} without order` };
    // A "no" with no order at Pay. to ask about (stopped before a card, say): taken, but watched for a
    // late approval as after an abort — the terminal's word is not the last one.
    return { ...claim, raw: `${claim.raw} (no order at Pay. to confirm)`, watchForLateApproval: true };
  }

  /** The terminal's history (by our reference) names the order; `last` is its live word, if any. */
  async function fromHistory(
    attempt: AttemptRef,
    last: EcrTransactionEvent | null,
    live: EcrConnection | null = null,
  ): Promise<ProviderStatus> {
    const item = await historyOf(attempt, live);
    if (item) {
      // The history says FAILED for a declined card too; the live COMPLETED event says which.
      const declined = item.status === 'FAILED' && last?.event === 'COMPLETED' && last.approved === false;
      const claim = declined ? claimOfEvent(last) : claimOfHistory(item);
      return judge(attempt, claim, item.orderId ?? last?.orderId ?? null);
    }
    if (last && isDone(last)) return judge(attempt, claimOfEvent(last), last.orderId ?? null);
    return { kind: 'not_found', raw: 'ECR not in history' };
  }

  return {
    async start(request: StartRequest): Promise<{ providerRef: string }> {
      const connection = await open(request.terminalId);
      const session: Session = { connection, last: null };
      sessions.set(request.reference, session);
      connection.onMessage((message) => {
        if (message.type !== 'TRANSACTION_EVENT') return;
        session.last = message;
        options.onEvent(request.reference);
      });
      const answer = await connection
        .request({ type: 'TRANSACTION_START', transaction: options.transaction(request) }, 'TRANSACTION_EVENT')
        .catch((error: unknown) => {
          // Sent, but no word back: the terminal may be showing the amount. Ask its history, never resend.
          throw new ProviderError('outcome_unknown', 'terminal_silent', String(error));
        });
      if (answer.type === 'ERROR') {
        sessions.delete(request.reference);
        connection.close();
        throw new ProviderError('refused', 'terminal_refused', answer.reason ?? 'terminal refused the payment');
      }
      return { providerRef: `${LAN_REF_PREFIX}${request.reference}` };
    },

    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const session = sessions.get(attempt.reference);
      const last = session?.last ?? null;
      if (session && last && !isDone(last)) {
        const phase = PHASES[last.event] ?? 'processing';
        const live = session.connection.isOpen ? session.connection : null;
        // Still running on the terminal. After a wrong PIN, or when the connection dropped (during
        // PIN entry, say), the terminal's history tells whether the payment ended meanwhile.
        if (live && last.event !== 'PIN_INPUT_ERROR') return { kind: 'pending', phase, raw: `ECR ${last.event}` };
        const recovered = await fromHistory(attempt, last, live);
        if (recovered.kind !== 'not_found') return recovered;
        return { kind: 'pending', phase, raw: `ECR ${last.event}${live ? '' : ' (reconnecting)'}` };
      }
      // Finished on the terminal, or no live word (after a restart): the history names the order.
      return fromHistory(attempt, last);
    },

    async cancel(attempt: AttemptRef): Promise<'accepted' | 'too_late'> {
      const session = sessions.get(attempt.reference);
      const connection = session?.connection.isOpen ? session.connection : await open(attempt.terminalId);
      connection.send({ type: 'TRANSACTION_STOP' });
      if (connection !== session?.connection) setTimeout(() => connection.close(), 1_000).unref();
      return 'accepted';
    },

    /** Closes live connections once a payment is final. */
    forget(reference: string): void {
      sessions.get(reference)?.connection.close();
      sessions.delete(reference);
    },

    close(): void {
      for (const session of sessions.values()) session.connection.close();
      sessions.clear();
    },
  };
}

export type EcrPath = ReturnType<typeof createEcrPath>;
