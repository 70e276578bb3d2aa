import type { PendingPhase } from '../../../../../shared/payment/states';
import type { AttemptRef, ProviderStatus, StartRequest } from '../../provider';
import { ProviderError } from '../../provider';
import type { PayOrder } from '../paynl-schemas';
import { mapPayStatus } from '../paynl-status';
import { EcrConnection } from './ecr-connection';
import { ECR_FINAL_EVENTS, type EcrHistoryItem, type EcrTransactionEvent } from './ecr-messages';

/** Attempts sent over the LAN carry this prefix instead of a Pay. order id until the cloud confirms them. */
export const LAN_REF_PREFIX = 'lan:';

export interface EcrPathOptions {
  /** The terminal's address on the shop network, from discovery. */
  address(terminalId: string): string | null;
  port: number;
  /** Pay.'s cloud view of an order: the only word Kassa takes for "paid". */
  cloudOrder(orderId: string): Promise<PayOrder>;
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
  PROCESSING: 'processing',
  QUEUED: 'processing',
};

/**
 * PAY.ECR: payments started on an Android PAY.POS terminal over the shop LAN, with live events.
 * The LAN is not trusted: "approved" from the terminal only leads to a cloud status query, and only
 * Pay.'s cloud answer marks a payment paid. A dropped connection is recovered from the terminal's
 * history by our reference.
 */
export function createEcrPath(options: EcrPathOptions) {
  const sessions = new Map<string, Session>();

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

  async function confirmInCloud(orderId: string): Promise<ProviderStatus> {
    const order = await options.cloudOrder(orderId);
    const status = mapPayStatus(order.status.code, order.status.action, order);
    if (status.kind === 'approved') return { ...status, providerRef: order.id };
    // The terminal said approved but Pay. does not (yet): keep waiting, never mark paid on its word.
    if (status.kind === 'pending' || status.kind === 'needs_review') return { ...status, raw: `LAN ${status.raw}` };
    return status;
  }

  async function fromHistory(attempt: AttemptRef): Promise<ProviderStatus> {
    const connection = await open(attempt.terminalId).catch((error: unknown) => {
      throw new ProviderError('outcome_unknown', 'terminal_unreachable', String(error));
    });
    try {
      const answer = await connection.request(
        { type: 'HISTORY_GET', needle: attempt.reference },
        'HISTORY_GET_RESPONSE',
      );
      if (answer.type === 'ERROR') return { kind: 'not_found', raw: `ECR ${answer.reason ?? 'not found'}` };
      return fromHistoryItem(answer);
    } finally {
      connection.close();
    }
  }

  async function fromHistoryItem(item: EcrHistoryItem): Promise<ProviderStatus> {
    switch (item.status) {
      case 'SUCCESS':
        if (!item.orderId) return { kind: 'pending', phase: 'processing', raw: 'ECR SUCCESS without order' };
        return confirmInCloud(item.orderId);
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
      const last = session?.last;
      if (session && last && !(ECR_FINAL_EVENTS as readonly string[]).includes(last.event)) {
        if (session.connection.isOpen) {
          return { kind: 'pending', phase: PHASES[last.event] ?? 'processing', raw: `ECR ${last.event}` };
        }
        // The connection dropped mid-payment (during PIN entry, say): the terminal's history knows the end.
        const recovered = await fromHistory(attempt);
        if (recovered.kind === 'not_found') {
          return {
            kind: 'pending',
            phase: PHASES[last.event] ?? 'processing',
            raw: `ECR ${last.event} (reconnecting)`,
          };
        }
        return recovered;
      }
      if (session && last) {
        if (last.event === 'COMPLETED' && last.approved) return fromHistory(attempt);
        if (last.event === 'COMPLETED')
          return { kind: 'declined', reason: 'card_declined', raw: 'ECR COMPLETED declined' };
        if (last.event === 'CANCELLED') return { kind: 'cancelled', raw: 'ECR CANCELLED' };
        if (last.event === 'PIN_INPUT_ERROR')
          return { kind: 'declined', reason: 'pin_error', raw: 'ECR PIN_INPUT_ERROR' };
        if (last.event === 'QUEUED') return fromHistory(attempt);
        return { kind: 'failed', reason: 'terminal_failed', raw: `ECR ${last.event}` };
      }
      // After a restart there is no live connection: the terminal's history answers.
      return fromHistory(attempt);
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
