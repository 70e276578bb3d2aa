import { z } from 'zod';

/** PAY.ECR (Pay.'s local protocol for Android PAY.POS terminals): TCP 8888, UTF-8 JSON per message. */
export const ECR_TCP_PORT = 8888;
export const ECR_DISCOVERY_PORT = 8889;
export const DISCOVERY_QUESTION = 'PAY.POS-WHO.IS';
export const DISCOVERY_ANSWER = 'PAY.POS-I.AM';

export const ECR_FINAL_EVENTS = ['CANCELLED', 'COMPLETED', 'FAILED', 'QUEUED', 'PIN_INPUT_ERROR'] as const;

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
