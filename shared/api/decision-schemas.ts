import { z } from 'zod';
import { MANAGER_NOTE_MAX, MANAGER_NOTE_MIN } from '../payment/manager-note';
import { Id, IsoDateTime } from './primitives';

/** What a manager decides about money (resolve, decide a refund, void) and the trail they read first. */

/** One line of a payment's evidence trail (what was asked, what came back), for a manager. */
export const PaymentEventDto = z.object({
  at: IsoDateTime,
  event: z.string(),
  outcome: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  detail: z.string().nullable(),
});
export type PaymentEventDto = z.infer<typeof PaymentEventDto>;

/** The evidence a manager writes with a decision (see payment/manager-note.ts). */
const ManagerNote = z.string().trim().min(MANAGER_NOTE_MIN).max(MANAGER_NOTE_MAX);

export const ResolvePaymentInput = z
  .object({
    paymentId: Id,
    /** What the manager established (terminal screen, provider portal, bank statement). */
    outcome: z.enum(['approved', 'failed']),
    note: ManagerNote,
  })
  .strict();
export type ResolvePaymentInput = z.infer<typeof ResolvePaymentInput>;

export const DecideRefundInput = z
  .object({
    refundId: Id,
    outcome: z.enum(['succeeded', 'failed']),
    note: ManagerNote,
  })
  .strict();
export type DecideRefundInput = z.infer<typeof DecideRefundInput>;

export const VoidPaymentInput = z
  .object({
    /** Generated once per Void press: a repeated press voids once. */
    requestId: z.uuid(),
    paymentId: Id,
    /** Why, in the manager's words: kept with the void as evidence. */
    note: ManagerNote,
  })
  .strict();
export type VoidPaymentInput = z.infer<typeof VoidPaymentInput>;
