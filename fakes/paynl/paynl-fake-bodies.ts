import { randomInt } from 'node:crypto';
import type { FakeReply } from '../fake-http';

/** The Pay. fake's records and the JSON it answers with (Order, Pay.POS transaction, error). */
export interface FakeTerminal {
  code: string;
  name: string;
  online: boolean;
  softpos?: boolean;
  refunds?: boolean;
}
export interface Status {
  code: number;
  action: string;
}
export interface FakeOrder {
  id: string;
  orderId: string;
  type: 'sale' | 'credit';
  serviceId: string;
  reference: string;
  description: string;
  amount: { value: number; currency: string };
  terminalCode: string;
  status: Status;
  exchangeUrl: string | null;
  extra1: string | null;
  aborted: boolean;
  refunded: number;
  /** Pay. -51: what the card actually paid when it differs from the order amount. */
  paidAmount: number | null;
  last4: string;
  test: boolean;
  createdAt: string;
}
export interface DeviceTransaction {
  id: string;
  orderId: string;
  terminalCode: string;
  amount: number;
  currency: string;
  last4: string;
  /** Money back to a card typed on the device (Pay.POS refund, method 2351): not incoming money. */
  refund: boolean;
}
export interface FakeRefund {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: Status;
}

export type Fault = 'drop_after' | '500' | '502' | '504' | 'html' | '429' | '503' | 'slow';

export const ACTIONS: Record<number, string> = {
  20: 'PENDING',
  50: 'PENDING',
  100: 'PAID',
  [-63]: 'DENIED',
  [-80]: 'EXPIRED',
  [-90]: 'CANCEL',
  [-81]: 'REFUND',
  [-82]: 'PARTIAL_REFUND',
  [-51]: 'PAID_CHECKAMOUNT',
  85: 'VERIFY',
  95: 'AUTHORIZE',
};

/** Pay.'s order id shape: `5…X…`. */
export const fakeOrderId = () =>
  `5${String(randomInt(1e10)).padStart(10, '0')}X${randomInt(0x1000, 0xffff).toString(16)}`;
/** Pay.'s transaction (EX) and refund (RF) codes: three groups of four digits. */
export const fakeCode = (prefix: 'EX' | 'RF') =>
  `${prefix}-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;

export const problem = (status: number, code: string, title: string, detail = title): FakeReply => ({
  status,
  body: { type: 'https://developer.pay.nl/docs/error-codes', code, title, detail, violations: [], trace: [] },
});

export const paidValue = (o: FakeOrder) => (o.status.code === -51 ? (o.paidAmount ?? o.amount.value) : o.amount.value);
export const isPaid = (o: FakeOrder) => o.status.code === 100 || o.status.code === -51;

const receiptOf = (o: FakeOrder) =>
  Buffer.from(
    JSON.stringify([
      ' Kopie Kaarthouder',
      ' ',
      '  Kwekerij De Fake  ',
      `Terminal: ${o.terminalCode}`,
      `Kaart: ************${o.last4}`,
      `Bedrag: EUR ${(o.amount.value / 100).toFixed(2)}`,
      o.type === 'credit' ? 'TERUGBETALING' : 'BETALING GESLAAGD',
    ]),
  ).toString('base64');

export const orderBody = (o: FakeOrder, createdBy: string) => ({
  id: o.id,
  type: o.type,
  serviceId: o.serviceId,
  description: o.description,
  reference: o.reference,
  manualTransferCode: '1000 0000 0000 0000',
  orderId: o.orderId,
  uuid: o.id,
  customerKey: null,
  status: o.status,
  receipt: o.status.code === 100 ? receiptOf(o) : null,
  integration: { test: o.test },
  amount: o.amount,
  authorizedAmount: { value: 0, currency: o.amount.currency },
  capturedAmount: { value: isPaid(o) ? paidValue(o) : 0, currency: o.amount.currency },
  checkoutData: null,
  payments: [
    {
      id: `${o.id}-p1`,
      // The Order API documents the payment's method input as an array of strings.
      paymentMethod: { id: o.type === 'credit' ? 2351 : 1927, input: [o.terminalCode] },
      customerType: null,
      customerKey: null,
      customerId: o.status.code === 100 ? `524322******${o.last4}` : null,
      customerName: o.status.code === 100 ? 'Mastercard' : null,
      ipAddress: null,
      secureStatus: false,
      paymentVerificationMethod: null,
      status: o.status,
      currencyAmount: o.amount,
      amount: isPaid(o) ? { value: paidValue(o), currency: o.amount.currency } : o.amount,
      authorizedAmount: { value: 0, currency: o.amount.currency },
      capturedAmount: { value: isPaid(o) ? paidValue(o) : 0, currency: o.amount.currency },
      supplierData: null,
    },
  ],
  createdAt: o.createdAt,
  createdBy: createdBy,
  modifiedAt: new Date().toISOString(),
  modifiedBy: createdBy,
  expiresAt: new Date(Date.parse(o.createdAt) + 10 * 60_000).toISOString(),
  completedAt: o.status.code === 100 ? new Date().toISOString() : null,
  links: {
    status: `/v1/orders/${o.id}/status`,
    abort: `/v1/orders/${o.id}/abort`,
    ...(o.status.code === 95 ? { void: `/v1/orders/${o.id}/void` } : {}),
    redirect: '',
  },
});

export function deviceBody(d: DeviceTransaction, action: string, serviceCode: string) {
  const s = (n: number) => String(n);
  return {
    action,
    id: d.id,
    orderId: d.orderId,
    serviceCode,
    description: '',
    reference: '',
    amount: { value: s(d.amount), currency: d.currency },
    amountPaid: { value: s(d.amount), currency: d.currency },
    amountRefunded: { value: '0', currency: d.currency },
    status: { code: '100', action: 'PAID', phase: 'SUCCESS' },
    paymentData: {
      method: 'creditcard',
      customerId: `524322******${d.last4}`,
      creditcard: { number: `524322******${d.last4}`, expireMonth: null, expireYear: '', name: null },
    },
    type: 'POS',
    paymentMethod: d.refund
      ? { id: '2351', subId: '0', name: 'Pay.POS refund', terminalCode: d.terminalCode }
      : { id: '3069', subId: '33046', name: 'SoftPos', terminalCode: d.terminalCode },
    integration: { testMode: '' },
    createdAt: new Date().toISOString(),
  };
}
