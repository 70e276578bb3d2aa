import { z } from 'zod';

/** Pay. sends some numbers as strings (the Pay.POS exchange does); accept both. */
const Num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);

export const PayStatus = z.object({ code: Num, action: z.string().nullish() }).passthrough();

export const PayAmount = z.object({ value: Num, currency: z.string().nullish() }).passthrough();

export const PayOrderPayment = z
  .object({
    id: z.string().nullish(),
    customerId: z.string().nullish(),
    customerName: z.string().nullish(),
    status: PayStatus.nullish(),
    paymentMethod: z.object({ id: Num.nullish() }).passthrough().nullish(),
  })
  .passthrough();

/** Order API (connect.pay.nl/v1/orders): the fields Kassa reads. */
export const PayOrder = z
  .object({
    id: z.string().min(1),
    orderId: z.string().nullish(),
    type: z.string().nullish(),
    reference: z.string().nullish(),
    status: PayStatus,
    receipt: z.string().nullish(),
    amount: PayAmount.nullish(),
    /** What the card actually paid (differs from `amount` at status -51). */
    capturedAmount: PayAmount.nullish(),
    payments: z.array(PayOrderPayment).nullish(),
  })
  .passthrough();
export type PayOrder = z.infer<typeof PayOrder>;

export const PayTerminal = z
  .object({
    code: z.string(),
    name: z.string().nullish(),
    status: z.string().nullish(),
    connectionStatus: z.string().nullish(),
    terminalType: z.string().nullish(),
    paymentTypes: z.array(z.union([z.string(), z.object({ paymentType: z.string() }).passthrough()])).nullish(),
  })
  .passthrough();

export const PayTerminalList = z.object({ terminals: z.array(PayTerminal) }).passthrough();

export const PayRefundAnswer = z
  .object({
    orderId: z.string().nullish(),
    transactionId: z.string().nullish(),
    refundedTransactions: z
      .array(z.object({ refund: z.object({ id: z.string() }).passthrough().nullish() }).passthrough())
      .nullish(),
  })
  .passthrough();

/** Refund info (rest.pay.nl/v2/refunds/{RF-…}): status 100 PAID when paid out. */
export const PayRefundInfo = z
  .object({ id: z.string().nullish(), status: PayStatus.nullish(), amount: PayAmount.nullish() })
  .passthrough();

/** Transaction:Info (rest.pay.nl/v2/transactions/{id}) — the Pay.POS exchange has the same shape. */
export const PayTransaction = z
  .object({
    id: z.string().nullish(),
    orderId: z.string().nullish(),
    reference: z.string().nullish(),
    status: PayStatus,
    amount: PayAmount.nullish(),
    /** POS, ECOM, CIT, MIT or MOTO (Transaction:Info). */
    type: z.string().nullish(),
    paymentMethod: z
      .object({ id: Num.nullish(), terminalCode: z.string().nullish(), name: z.string().nullish() })
      .passthrough()
      .nullish(),
    paymentData: z
      .object({ creditcard: z.object({ number: z.string().nullish() }).passthrough().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type PayTransaction = z.infer<typeof PayTransaction>;

export const PayError = z
  .object({ code: z.string().nullish(), title: z.string().nullish(), detail: z.string().nullish() })
  .passthrough();
