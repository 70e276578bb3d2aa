import { z } from 'zod';

/**
 * The PayTrace JSON API v1 as Kassa and its wire-level fake both speak it: one zod schema per
 * request body and per answer. The adapter parses every answer with these; the fake's tests check
 * every request Kassa sent against them. Sources for each shape: docs/paytrace-wire.md.
 */

/** Dollars as PayTrace takes them: a string with two decimals ("12.34"), never a float. */
export const DollarString = z.string().regex(/^\d{1,9}\.\d{2}$/, 'dollars with two decimals');

/** Cents to PayTrace's dollar string, by integer arithmetic only. */
export function dollarsOf(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new Error(`not an amount in cents: ${minor}`);
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/**
 * PayTrace's amount (a JSON number or a string, "12.34" / 12.3 / 12) to cents, by the digits of its
 * text: a JSON number of dollars is printed back with two decimals first, so 0.1 + 0.2 never happens.
 */
export function minorOf(amount: string | number): number {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not a dollar amount: ${String(amount)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** PayTrace's dates in requests: MM/DD/YYYY. */
export const UsDate = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'MM/DD/YYYY');

export function usDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}

// ---- Requests ----------------------------------------------------------------------------------

/** `POST /oauth/token`, form-encoded. */
export const TokenRequest = z
  .object({ grant_type: z.literal('password'), username: z.string().min(1), password: z.string().min(1) })
  .strict();

const Integrated = { integrator_id: z.string().min(1) };

/** `POST /v1/transactions/sale/by_customer` (card on file). */
export const SaleByCustomerRequest = z
  .object({
    ...Integrated,
    amount: DollarString,
    customer_id: z.string().min(1).max(50),
    /** Kassa's reference (KS…): what finds the sale again after a lost answer. */
    invoice_id: z.string().min(1).max(50),
    description: z.string().max(255).optional(),
  })
  .strict();

/** `POST /v1/checks/sale/by_customer` (bank account on file, ACH). */
export const CheckSaleByCustomerRequest = SaleByCustomerRequest;

export const VoidRequest = z.object({ ...Integrated, transaction_id: z.number().int().positive() }).strict();
export const CheckVoidRequest = z.object({ ...Integrated, check_transaction_id: z.number().int().positive() }).strict();

export const RefundForTransactionRequest = z
  .object({
    ...Integrated,
    transaction_id: z.number().int().positive(),
    amount: DollarString.optional(),
    /** Kassa's refund id, so a refund whose answer was lost is found again by its text. */
    invoice_id: z.string().min(1).max(50),
  })
  .strict();
export const CheckRefundRequest = z
  .object({
    ...Integrated,
    check_transaction_id: z.number().int().positive(),
    amount: DollarString.optional(),
    invoice_id: z.string().min(1).max(50),
  })
  .strict();

export const ExportByIdRequest = z.object({ ...Integrated, transaction_id: z.number().int().positive() }).strict();
export const CheckExportByIdRequest = z
  .object({ ...Integrated, check_transaction_id: z.number().int().positive() })
  .strict();

export const ExportByDateRangeRequest = z
  .object({
    ...Integrated,
    start_date: UsDate,
    end_date: UsDate,
    transaction_type: z
      .enum(['SALE', 'AUTHORIZATION', 'STR/FWD', 'REFUND', 'VOID', 'SETTLED', 'PENDING', 'DECLINED'])
      .optional(),
    customer_id: z.string().optional(),
    including_text: z.string().min(1).optional(),
  })
  .strict();

export const BatchesExportRequest = z.object({ ...Integrated, start_date: UsDate, end_date: UsDate }).strict();
export const BatchTransactionListRequest = z
  .object({ ...Integrated, batch_number: z.number().int().positive() })
  .strict();

/** Every request Kassa sends, by path: what the fake's tests check requests against. */
export const PAYTRACE_REQUESTS: Readonly<Record<string, z.ZodType>> = {
  '/oauth/token': TokenRequest,
  '/v1/transactions/sale/by_customer': SaleByCustomerRequest,
  '/v1/checks/sale/by_customer': CheckSaleByCustomerRequest,
  '/v1/transactions/void': VoidRequest,
  '/v1/checks/manage/void': CheckVoidRequest,
  '/v1/transactions/refund/for_transaction': RefundForTransactionRequest,
  '/v1/checks/refund/by_transaction': CheckRefundRequest,
  '/v1/transactions/export/by_id': ExportByIdRequest,
  '/v1/checks/export/by_id': CheckExportByIdRequest,
  '/v1/transactions/export/by_date_range': ExportByDateRangeRequest,
  '/v1/checks/export/by_date_range': ExportByDateRangeRequest,
  '/v1/batches/export': BatchesExportRequest,
  '/v1/batches/transaction_list': BatchTransactionListRequest,
};

// ---- Answers -----------------------------------------------------------------------------------

export const TokenAnswer = z
  .object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().int().positive() })
  .passthrough();

/** OAuth errors: `invalid_token` on a call means "get a new token and send once more". */
export const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();

/** The `errors` map of response code 1: error number → messages. */
export const ErrorMap = z.record(z.string(), z.array(z.string()));

/** Every transaction answer: success, response code, words; ids and card details when there are any. */
export const TransactionAnswer = z
  .object({
    success: z.boolean(),
    response_code: z.number().int(),
    status_message: z.string(),
    transaction_id: z.number().int().optional(),
    check_transaction_id: z.number().int().optional(),
    approval_code: z.string().optional(),
    approval_message: z.string().optional(),
    masked_card_number: z.string().optional(),
    errors: ErrorMap.optional(),
  })
  .passthrough();
export type TransactionAnswer = z.infer<typeof TransactionAnswer>;

export const Amount = z.union([z.string(), z.number()]);

/** One row of a transaction or check export (fields beyond the community-confirmed ones: see the doc). */
export const ExportedTransaction = z
  .object({
    transaction_id: z.number().int().optional(),
    check_transaction_id: z.number().int().optional(),
    transaction_type: z.string(),
    amount: Amount,
    invoice_id: z.string().nullish(),
    customer_id: z.string().nullish(),
    response_code: z.number().int().nullish(),
    status_message: z.string().nullish(),
    created: z.object({ at: z.string() }).passthrough().nullish(),
    credit_card: z.object({ masked_number: z.string(), type: z.string().nullish() }).passthrough().nullish(),
    /** The batch the transaction settled in; absent or null while unsettled. */
    batch_number: z.number().int().nullish(),
    /** The sale this refund or void is about. */
    original_transaction_id: z.number().int().nullish(),
  })
  .passthrough();
export type ExportedTransaction = z.infer<typeof ExportedTransaction>;

export const ExportAnswer = z
  .object({
    success: z.boolean(),
    response_code: z.number().int().optional(),
    status_message: z.string().optional(),
    transactions: z.array(ExportedTransaction).default([]),
    checks: z.array(ExportedTransaction).optional(),
    errors: ErrorMap.optional(),
  })
  .passthrough();

export const BatchSummary = z
  .object({
    batch_number: z.number().int().positive(),
    /** When the batch settled (PayTrace's text, MM/DD/YYYY[ hh:mm:ss]). */
    created: z.object({ at: z.string() }).passthrough(),
    transaction_count: z.number().int().optional(),
    net_amount: Amount.optional(),
  })
  .passthrough();
export const BatchesAnswer = z
  .object({ success: z.boolean(), batches: z.array(BatchSummary).default([]), errors: ErrorMap.optional() })
  .passthrough();
export const BatchTransactionsAnswer = z
  .object({
    success: z.boolean(),
    batch: z
      .object({ batch_number: z.number().int(), created: z.object({ at: z.string() }).passthrough() })
      .passthrough()
      .optional(),
    transactions: z.array(ExportedTransaction).default([]),
    errors: ErrorMap.optional(),
  })
  .passthrough();
