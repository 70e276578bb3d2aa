import { z } from 'zod';

/** Only what Kassa reads of Checkout.com's answers; everything else passes through unread. */

const Link = z.object({ href: z.string() }).passthrough();

export const CheckoutToken = z
  .object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.coerce.number() })
  .passthrough();

export const LinkCreated = z
  .object({
    id: z.string().regex(/^pl_/),
    expires_on: z.string().optional(),
    reference: z.string().optional(),
    _links: z.object({ redirect: Link }).passthrough(),
  })
  .passthrough();

export const LinkStatus = z.enum(['Active', 'Payment Received', 'Expired']);

export const LinkDetails = z
  .object({
    id: z.string(),
    status: LinkStatus,
    payment_id: z.string().optional(),
    reference: z.string().optional(),
    expires_on: z.string(),
    amount: z.number().int(),
    currency: z.string(),
  })
  .passthrough();
export type LinkDetails = z.infer<typeof LinkDetails>;

export const PaymentStatus = z.enum([
  'Pending',
  'Authorized',
  'Card Verified',
  'Voided',
  'Partially Captured',
  'Captured',
  'Partially Refunded',
  'Refunded',
  'Declined',
  'Canceled',
  'Expired',
  'Paid',
  'Active',
  'Requested',
  'Retry Scheduled',
]);

const Balances = z
  .object({
    total_authorized: z.number().int().optional(),
    total_voided: z.number().int().optional(),
    available_to_void: z.number().int().optional(),
    total_captured: z.number().int().optional(),
    available_to_capture: z.number().int().optional(),
    total_refunded: z.number().int().optional(),
    available_to_refund: z.number().int().optional(),
  })
  .passthrough();

/** Card brand and last four only: the rest of `source` (expiry, bin, fingerprint) is never kept. */
const Source = z
  .object({ type: z.string(), scheme: z.string().optional(), last4: z.string().optional() })
  .passthrough();

export const PaymentActionSummary = z
  .object({
    id: z.string(),
    type: z.string(),
    response_code: z.string().optional(),
    response_summary: z.string().optional(),
  })
  .passthrough();

export const PaymentDetails = z
  .object({
    id: z.string().regex(/^pay_/),
    status: PaymentStatus,
    approved: z.boolean().optional(),
    amount: z.number().int(),
    currency: z.string(),
    reference: z.string().optional(),
    requested_on: z.string().optional(),
    source: Source.optional(),
    balances: Balances.optional(),
    actions: z.array(PaymentActionSummary).optional(),
  })
  .passthrough();
export type PaymentDetails = z.infer<typeof PaymentDetails>;

export const PaymentList = z
  .object({ data: z.array(PaymentDetails).optional(), total_count: z.number().int().optional() })
  .passthrough();

export const ActionAccepted = z.object({ action_id: z.string(), reference: z.string().optional() }).passthrough();

export const CheckoutError = z
  .object({ request_id: z.string().optional(), error_type: z.string(), error_codes: z.array(z.string()).optional() })
  .passthrough();

export const WorkflowList = z
  .object({ data: z.array(z.object({ id: z.string(), name: z.string().optional() }).passthrough()).optional() })
  .passthrough();
export const WorkflowCreated = z.object({ id: z.string() }).passthrough();

export const SubjectEvents = z
  .object({
    data: z
      .array(z.object({ id: z.string(), type: z.string(), timestamp: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

/** A webhook as delivered: the envelope only; the payment itself is re-read before anything final. */
export const CheckoutEvent = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    created_on: z.string().optional(),
    data: z
      .object({ id: z.string().optional(), reference: z.string().optional(), action_id: z.string().optional() })
      .passthrough(),
  })
  .passthrough();
export type CheckoutEvent = z.infer<typeof CheckoutEvent>;

const Breakdown = z
  .object({
    breakdown_type: z.string(),
    holding_currency: z.string(),
    holding_currency_amount: z.number(),
    processing_currency: z.string().optional(),
    processing_currency_amount: z.number().optional(),
  })
  .passthrough();

export const FinancialAction = z
  .object({
    payment_id: z.string(),
    action_id: z.string(),
    action_type: z.string(),
    entity_id: z.string(),
    reference: z.string().optional(),
    processed_on: z.string(),
    requested_on: z.string().optional(),
    breakdown: z.array(Breakdown).optional(),
  })
  .passthrough();
export type FinancialAction = z.infer<typeof FinancialAction>;

export const FinancialActionList = z
  .object({
    count: z.number().int().optional(),
    data: z.array(FinancialAction).optional(),
    _links: z.object({ next: Link.optional() }).passthrough().optional(),
  })
  .passthrough();
