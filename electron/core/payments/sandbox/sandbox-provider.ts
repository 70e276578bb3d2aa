import type { AttemptRef, PaymentProvider, ProviderStatus, StartRequest, TerminalInfo } from '../provider';
import { ProviderError } from '../provider';
import { SandboxRefusal, type SandboxTerminal } from './sandbox-terminal';

export const SANDBOX_TERMINALS: readonly TerminalInfo[] = [
  { id: 'sandbox-1', name: 'Pay.POS Toonbank 1 (sandbox)', kind: 'terminal', online: true, refunds: false },
  { id: 'sandbox-2', name: 'SoftPOS Showroom (sandbox)', kind: 'softpos', online: true, refunds: false },
  { id: 'sandbox-3', name: 'Pay.POS Toonbank 2 (sandbox)', kind: 'terminal', online: false, refunds: false },
];

/** The sandbox terminal behind the same provider interface as the real ones. */
export function createSandboxProvider(device: SandboxTerminal, options: { pollIntervalMs: number }): PaymentProvider {
  return {
    id: 'sandbox',
    capabilities: {
      lookupByReference: true,
      cancel: 'abort',
      pushesEvents: false,
      idempotentStart: false,
      pollIntervalMs: options.pollIntervalMs,
      firstPollDelayMs: options.pollIntervalMs,
      lateApprovalWatchMs: 0,
      refunds: ['online'],
      idempotentRefunds: true,
      voids: true,
      currencies: null,
    },

    async listTerminals() {
      return [...SANDBOX_TERMINALS];
    },

    async start(request: StartRequest) {
      const terminal = SANDBOX_TERMINALS.find((t) => t.id === request.terminalId);
      if (!terminal?.online) throw new ProviderError('refused', 'terminal_offline', 'terminal is offline');
      // The request's way to the terminal (a knob): a cancel pressed meanwhile finds nothing there yet.
      const transit = device.transitMs();
      if (transit > 0) await new Promise((resolve) => setTimeout(resolve, transit));
      try {
        const tx = device.start(request.reference, request.terminalId, request.amount.minor);
        if (tx.scenario === 'lost_response') {
          throw new ProviderError(
            'outcome_unknown',
            'response_lost',
            'connection dropped before the terminal answered',
          );
        }
        return { providerRef: tx.id };
      } catch (error) {
        if (error instanceof SandboxRefusal) throw new ProviderError('refused', error.code, error.message);
        throw error;
      }
    },

    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const state = device.state(attempt.reference);
      if (!state) return { kind: 'not_found', raw: 'NOT_FOUND' };
      if (!state.final) return { kind: 'pending', phase: state.phase, raw: state.phase.toUpperCase() };
      switch (state.outcome) {
        case 'approved':
          return { kind: 'approved', card: state.card, raw: 'APPROVED' };
        case 'declined':
          return { kind: 'declined', reason: 'card_declined', raw: 'DECLINED' };
        case 'cancelled':
          return { kind: 'cancelled', raw: 'CANCELLED' };
        case 'expired':
          return { kind: 'expired', raw: 'TIMEOUT' };
        // Voided the same day: the acquirer reports the transaction as cancelled, nothing settles.
        case 'voided':
          return { kind: 'cancelled', raw: 'VOIDED' };
      }
    },

    async cancel(attempt: AttemptRef) {
      const answer = device.cancel(attempt.reference);
      return answer === 'accepted' ? 'accepted' : 'too_late';
    },

    async void(attempt: AttemptRef) {
      if (!attempt.providerRef) throw new ProviderError('refused', 'no_transaction', 'no terminal transaction to void');
      const answer = device.void(attempt.providerRef);
      if (answer === 'no_answer') {
        throw new ProviderError('outcome_unknown', 'response_lost', 'connection dropped before the void was answered');
      }
      if (answer === 'not_approved') throw new ProviderError('refused', 'not_approved', 'transaction is not approved');
      return answer;
    },

    // The sandbox acquirer pays back at once; real providers are in their own adapters.
    async refund(request) {
      return { providerRef: `SBR-${request.refundId}`, state: 'succeeded' };
    },
  };
}
