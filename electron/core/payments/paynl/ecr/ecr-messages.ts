import { z } from 'zod';

/** PAY.ECR (Pay.'s local protocol for Android PAY.POS terminals): TCP 8888, UTF-8 JSON per message. */
export const ECR_TCP_PORT = 8888;
export const ECR_DISCOVERY_PORT = 8889;
export const DISCOVERY_QUESTION = 'PAY.POS-WHO.IS';
export const DISCOVERY_ANSWER = 'PAY.POS-I.AM';

/**
 * Events after which the terminal is done with the payment. The protocol page also lists
 * PIN_INPUT_ERROR, but Pay.'s own integration guide (AGENTS.md: "Wrong PIN — not done") and example
 * app treat it as a wrong PIN the customer may retry; Kassa keeps such a payment pending (phase 'pin')
 * and lets the terminal's history say whether it really ended.
 */
export const ECR_DONE_EVENTS = ['CANCELLED', 'COMPLETED', 'FAILED', 'QUEUED'] as const;

export const EcrTransactionEvent = z.object({
  type: z.literal('TRANSACTION_EVENT'),
  event: z.enum([
    'STARTED',
    'PROCESSING',
    'CANCELLED',
    'COMPLETED',
    'FAILED',
    'QUEUED',
    'PIN_INPUT_PENDING',
    'PIN_INPUT_ERROR',
  ]),
  approved: z.boolean().nullish(),
  message: z.string().nullish(),
  /** COMPLETED carries Pay.'s order id (a lead for the cloud query, never proof). */
  orderId: z.string().nullish(),
});
export type EcrTransactionEvent = z.infer<typeof EcrTransactionEvent>;

export const EcrHistoryItem = z.object({
  type: z.literal('HISTORY_GET_RESPONSE'),
  id: z.string().nullish(),
  orderId: z.string().nullish(),
  reference: z.string().nullish(),
  status: z.enum(['CANCEL', 'FAILED', 'SUCCESS', 'EXPIRED', 'QUEUED']),
  createdAt: z.string().nullish(),
  ticket: z.string().nullish(),
  amount: z.number().nullish(),
  currency: z.string().nullish(),
  cardNumber: z.string().nullish(),
});
export type EcrHistoryItem = z.infer<typeof EcrHistoryItem>;

export const EcrError = z.object({ type: z.literal('ERROR'), reason: z.string().nullish() });
export const EcrPong = z.object({ type: z.literal('PONG'), status: z.string() });

/** Anything the terminal may send; unknown message types are ignored, never trusted. */
export const EcrIncoming = z.discriminatedUnion('type', [
  EcrTransactionEvent,
  EcrHistoryItem,
  EcrError,
  EcrPong,
  z.object({ type: z.literal('HISTORY_LIST_RESPONSE'), items: z.array(z.unknown()) }),
]);
export type EcrIncoming = z.infer<typeof EcrIncoming>;
