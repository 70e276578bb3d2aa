import {
  type AttemptRef,
  type PaymentProvider,
  ProviderError,
  type ProviderOwnCode,
  type ProviderStatus,
  type RefundAnswer,
  type RefundRequest,
  type StartRequest,
  type TerminalInfo,
} from '../provider';
import type { PayTraceClient } from './paytrace-client';
import { cardOf, errorCode, errorsInWords, exportedSaleStatus, RESPONSE_CODES, saleStatus } from './paytrace-codes';
import { createPayTraceLookup, idOf, RAIL_PATHS, type Rail } from './paytrace-lookup';
import { createSettledState } from './settled-state';
import type { PayTraceSettledStore, SettledState } from './settled-store';
import { dollarsOf, type TransactionAnswer, TransactionAnswer as TransactionAnswerSchema } from './wire';

export const PAYTRACE_CARD_TERMINAL = 'paytrace-card';
export const PAYTRACE_ACH_TERMINAL = 'paytrace-ach';
export const PAYTRACE_TERMINALS = [
  // `onFile`: the counter offers each only to customers with that kind on file (paytrace-counter).
  { id: PAYTRACE_CARD_TERMINAL, name: 'PayTrace — card on file', onFile: 'card' },
  { id: PAYTRACE_ACH_TERMINAL, name: 'PayTrace — bank account on file', onFile: 'bank' },
] as const;

const railOf = (terminalId: string): Rail => (terminalId === PAYTRACE_ACH_TERMINAL ? 'check' : 'card');
const ownCode = (answer: TransactionAnswer): ProviderOwnCode => errorCode(answer.errors) as ProviderOwnCode;

/**
 * PayTrace: a card or bank account PayTrace keeps for the customer, charged without the customer
 * present. PayTrace has no idempotency key and no webhooks, so a sale is sent exactly once (the
 * orchestrator commits it before); after a lost answer or a crash `status` finds it by our
 * reference in PayTrace's exports, or leaves it unknown for a manager — it is never sent again.
 */
export function createPayTraceProvider(options: {
  client: PayTraceClient;
  configured: () => boolean;
  /** What Kassa learned of each sale's settlement, on disk (settled-store.ts). */
  settled: PayTraceSettledStore;
  now?: () => Date;
  pollIntervalMs?: number;
  /** Evidence for the manager: what a lookup found (kept once per attempt and run, not per poll). */
  noteLookup?: (reference: string, detail: Record<string, unknown>) => void;
  /** Whether asking PayTrace about a sale's settlement could change the screen (settled-state.ts). */
  worthAskingSettled?: (attempt: AttemptRef) => boolean;
  /** A sale's settlement was learned by asking: the screens show the payment again. */
  settledChanged?: (reference: string) => void;
}): PaymentProvider & {
  settledState(attempt: AttemptRef): SettledState | null;
  /** Asks PayTrace now when nothing is known of the sale's settlement (recovery, tests). */
  refreshSettled(attempt: AttemptRef): Promise<SettledState | null>;
  /** On start: asks about these sales, one after the other, where nothing is known. */
  recoverSettled(attempts: readonly AttemptRef[]): Promise<void>;
  /** Resolves when no settlement ask runs in the background (settled-state.ts). */
  settledIdle(): Promise<void>;
  stopAsking(): void;
} {
  const { client } = options;
  const now = options.now ?? (() => new Date());
  const lookup = createPayTraceLookup(client, now);
  /** A sale's own answer, read once by the first status query (no second request for it). */
  const answered = new Map<string, ProviderStatus>();
  const lookedUp = new Set<string>();
  const settled = createSettledState({
    store: options.settled,
    read: exported,
    idOf,
    railOf,
    now,
    worthAsking: options.worthAskingSettled,
    changed: options.settledChanged,
  });

  async function exported(attempt: AttemptRef) {
    const rail = railOf(attempt.terminalId);
    const id = Number(attempt.providerRef);
    if (attempt.providerRef && Number.isSafeInteger(id) && id > 0) return lookup.byId(rail, id);
    const rows = await lookup.byText(rail, attempt.reference);
    // A sale carries our reference; refunds carry their own ids.
    return rows.find((row) => !row.original_transaction_id) ?? null;
  }

  return {
    id: 'paytrace',
    capabilities: {
      lookupByReference: true,
      cancel: 'none',
      pushesEvents: false,
      idempotentStart: false,
      // The sale answers at once; polling only follows attempts whose answer was lost (each poll is an
      // export query and an event row, so it is slow).
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      firstPollDelayMs: 0,
      lateApprovalWatchMs: 0,
      refunds: ['online'],
      idempotentRefunds: false,
      currencies: ['USD'],
      voids: true,
    },

    async listTerminals(): Promise<TerminalInfo[]> {
      if (!options.configured()) return [];
      // Not a card device: money goes back online (refund/for_transaction), never "on the terminal".
      return PAYTRACE_TERMINALS.map((t) => ({ ...t, kind: 'on_file' as const, online: true, refunds: false }));
    },

    async start(request: StartRequest) {
      const customerId = request.customer?.providerCustomerIds.paytrace;
      if (!customerId) {
        throw new ProviderError('refused', 'no_customer_on_file', 'the customer has no PayTrace customer id');
      }
      if (request.amount.currency !== 'USD') {
        throw new ProviderError(
          'refused',
          'currency_not_supported',
          `PayTrace takes USD, not ${request.amount.currency}`,
        );
      }
      const rail = railOf(request.terminalId);
      // The sale is in the batch open when it was sent: an answer after the batch close is older than it.
      const sentAt = now();
      const answer = await client.post(
        RAIL_PATHS[rail].sale,
        {
          amount: dollarsOf(request.amount.minor),
          customer_id: customerId,
          invoice_id: request.reference,
          description: request.description.slice(0, 255),
        },
        TransactionAnswerSchema,
      );
      if (answer.response_code === RESPONSE_CODES.VALIDATION) {
        // PayTrace's own "no" to the request: nothing was charged.
        throw new ProviderError(
          'refused',
          ownCode(answer),
          `PayTrace: ${errorsInWords(answer.errors) || answer.status_message}`,
        );
      }
      const id = rail === 'check' ? answer.check_transaction_id : answer.transaction_id;
      if (!id) {
        // An answer with a code but no id: what happened is read back by our reference.
        throw new ProviderError(
          'outcome_unknown',
          'no_transaction',
          `PayTrace answered ${answer.response_code} without an id`,
        );
      }
      answered.set(request.reference, saleStatus(answer, rail));
      // Kept before the orchestrator hears of it: a restart knows the sale is in the open batch.
      settled.sold(request, id, sentAt);
      return { providerRef: String(id) };
    },

    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const known = answered.get(attempt.reference);
      if (known) {
        answered.delete(attempt.reference);
        // The sale's answer has no card brand; its export row does (and confirms the sale once more).
        if (known.kind !== 'approved') return known;
        // Dated when asked (settled-state.ts): an answer arriving after the batch close is older than it.
        const askedAt = now();
        const row = await exported(attempt).catch(() => null);
        if (row) settled.learnedFrom(attempt, row, askedAt);
        const card = row && cardOf(row.credit_card?.masked_number, row.credit_card?.type);
        return card ? { ...known, card } : known;
      }
      const askedAt = now();
      const row = await exported(attempt);
      if (!row) {
        if (!lookedUp.has(attempt.reference)) {
          lookedUp.add(attempt.reference);
          options.noteLookup?.(attempt.reference, {
            lookup: attempt.providerRef ? 'export/by_id' : 'export/by_date_range',
            invoiceId: attempt.reference,
            transactionId: attempt.providerRef,
            found: null,
          });
        }
        // No sale with our reference (yet): a lost request, or one PayTrace is still working on. Only a
        // manager, looking at PayTrace's own screens, can close it; it is never sent again.
        return {
          kind: 'needs_review',
          reason: 'not_found_at_paytrace',
          raw: `no transaction with invoice_id ${attempt.reference}`,
        };
      }
      settled.learnedFrom(attempt, row, askedAt);
      const status = exportedSaleStatus(row, railOf(attempt.terminalId));
      const id = idOf(row, railOf(attempt.terminalId));
      return status.kind === 'approved' && id ? { ...status, providerRef: String(id) } : status;
    },

    async cancel() {
      // Nothing to cancel: a sale on file is answered at once.
      return 'too_late';
    },

    /** Void before PayTrace settles the batch; `too_late` once it has (a refund gives the money back). */
    async void(attempt: AttemptRef): Promise<'voided' | 'too_late'> {
      const rail = railOf(attempt.terminalId);
      const askedAt = now();
      const before = await exported(attempt);
      if (!before) throw new ProviderError('refused', 'not_found', `no PayTrace transaction for ${attempt.reference}`);
      if (settled.learnedFrom(attempt, before, askedAt) === 'settled') return 'too_late';
      if (before.transaction_type.toUpperCase().includes('VOID')) return 'voided';
      const id = idOf(before, rail);
      if (!id) throw new ProviderError('refused', 'no_transaction', 'PayTrace export without an id');
      const answer = await client.post(RAIL_PATHS[rail].void, { [RAIL_PATHS[rail].id]: id }, TransactionAnswerSchema);
      if (answer.response_code === RESPONSE_CODES.VOIDED || answer.response_code === RESPONSE_CODES.CHECK_MANAGED) {
        return 'voided';
      }
      if (answer.response_code !== RESPONSE_CODES.VALIDATION && answer.response_code !== RESPONSE_CODES.VOID_FAILED) {
        throw new ProviderError(
          'outcome_unknown',
          'unreadable_answer',
          `PayTrace void answered ${answer.response_code}`,
        );
      }
      // Refused: settled meanwhile (the batch closed between the read and the void), or another reason.
      const askedAgainAt = now();
      const after = await lookup.byId(rail, id);
      if (after && settled.learnedFrom(attempt, after, askedAgainAt) === 'settled') return 'too_late';
      throw new ProviderError(
        'refused',
        ownCode(answer),
        `PayTrace void: ${answer.response_code} ${answer.status_message} ${errorsInWords(answer.errors)}`.trim(),
      );
    },

    async refund(request: RefundRequest): Promise<RefundAnswer> {
      const rail = railOf(request.payment.terminalId);
      const id = Number(request.payment.providerRef);
      if (!request.payment.providerRef || !Number.isSafeInteger(id)) {
        throw new ProviderError('refused', 'no_transaction', 'the payment has no PayTrace transaction id');
      }
      let answer: TransactionAnswer;
      try {
        answer = await client.post(
          RAIL_PATHS[rail].refund,
          { [RAIL_PATHS[rail].id]: id, amount: dollarsOf(request.amount.minor), invoice_id: request.refundId },
          TransactionAnswerSchema,
        );
      } catch (error) {
        if (!(error instanceof ProviderError) || error.kind !== 'outcome_unknown') throw error;
        // The refund may have been made: look for it by its id before anything else. Not found: it
        // stays unknown for a manager (never sent again — PayTrace would pay out twice).
        const found = await lookup.byText(rail, request.refundId, 'REFUND').catch(() => []);
        const row = found[0];
        const refundId = row && idOf(row, rail);
        if (refundId) return { providerRef: String(refundId), state: 'succeeded' };
        throw error;
      }
      const done: number[] = [RESPONSE_CODES.REFUNDED, RESPONSE_CODES.TEST_REFUND, RESPONSE_CODES.CHECK_REFUNDED];
      if (done.includes(answer.response_code)) {
        const refundId = rail === 'check' ? answer.check_transaction_id : answer.transaction_id;
        return { providerRef: refundId ? String(refundId) : null, state: 'succeeded' };
      }
      if (answer.response_code === RESPONSE_CODES.REFUND_FAILED) {
        return { providerRef: null, state: 'failed', reason: `paytrace_107 ${answer.status_message}`.trim() };
      }
      if (answer.response_code !== RESPONSE_CODES.VALIDATION) {
        // A code the reference does not give for a refund: PayTrace may have acted; a manager decides.
        throw new ProviderError(
          'outcome_unknown',
          'unreadable_answer',
          `PayTrace refund answered ${answer.response_code}`,
        );
      }
      throw new ProviderError(
        'refused',
        ownCode(answer),
        `PayTrace refund: ${errorsInWords(answer.errors) || answer.status_message}`,
      );
    },

    settledState: settled.state,
    refreshSettled: settled.refresh,
    recoverSettled: settled.recover,
    settledIdle: settled.idle,
    stopAsking: settled.stop,
  };
}
