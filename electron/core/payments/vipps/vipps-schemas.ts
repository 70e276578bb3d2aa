import { z } from 'zod';

/** Access Token API: every field is a string, expires_on in epoch seconds. */
export const VippsToken = z
  .object({
    token_type: z.string(),
    access_token: z.string().min(1),
    expires_in: z.coerce.number(),
    expires_on: z.coerce.number().optional(),
  })
  .passthrough();

export const VippsAmount = z.object({ currency: z.string(), value: z.number().int() });

export const VippsState = z.enum(['CREATED', 'AUTHORIZED', 'ABORTED', 'EXPIRED', 'TERMINATED']);

export const VippsPayment = z
  .object({
    reference: z.string(),
    state: VippsState,
    amount: VippsAmount,
    aggregate: z
      .object({
        authorizedAmount: VippsAmount,
        cancelledAmount: VippsAmount,
        capturedAmount: VippsAmount,
        refundedAmount: VippsAmount,
      })
      .passthrough(),
    pspReference: z.string().nullish(),
    paymentMethod: z.object({ type: z.string() }).passthrough().nullish(),
  })
  .passthrough();
export type VippsPayment = z.infer<typeof VippsPayment>;

export const VippsCreated = z.object({ reference: z.string(), redirectUrl: z.string().nullish() }).passthrough();

export const VippsProblem = z
  .object({ type: z.string().nullish(), title: z.string().nullish(), detail: z.string().nullish() })
  .passthrough();

export const VippsWebhookRegistration = z.object({ id: z.string(), secret: z.string() }).passthrough();
export const VippsWebhookList = z.object({
  webhooks: z.array(z.object({ id: z.string(), url: z.string(), events: z.array(z.string()) }).passthrough()),
});

export const VippsWebhookEvent = z
  .object({
    msn: z.string(),
    reference: z.string(),
    pspReference: z.string().nullish(),
    name: z.enum(['CREATED', 'ABORTED', 'EXPIRED', 'CANCELLED', 'CAPTURED', 'REFUNDED', 'AUTHORIZED', 'TERMINATED']),
    amount: VippsAmount,
    timestamp: z.string(),
    idempotencyKey: z.string().nullish(),
    success: z.boolean(),
  })
  .passthrough();
export type VippsWebhookEvent = z.infer<typeof VippsWebhookEvent>;
