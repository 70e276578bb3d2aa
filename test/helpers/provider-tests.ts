import { randomUUID } from 'node:crypto';
import {
  closeAfterEach,
  customerWithInvoices,
  payOneInvoice,
  settled,
  startPayment,
  startPayNlCounter,
  startVippsCounter,
} from './provider-harness';

/**
 * Setup shared by the provider test files: one counter and fake per test, closed after it, and the
 * request shapes those tests repeat. What a test asserts stays in the test.
 */

type PayNlCounterOptions = NonNullable<Parameters<typeof startPayNlCounter>[0]>;
type VippsCounterOptions = NonNullable<Parameters<typeof startVippsCounter>[0]>;

/** Call at the top of a test file: `setup` starts a Pay. counter and fake, both closed after each test. */
export function payNlCounterPerTest() {
  const cleanups = closeAfterEach();
  const setup = (options: PayNlCounterOptions = {}) => startPayNlCounter({ ...options, cleanups });
  return { cleanups, setup };
}

/** The same for a Vipps MobilePay counter and fake. */
export function vippsCounterPerTest() {
  const cleanups = closeAfterEach();
  const setup = (options: VippsCounterOptions = {}) => startVippsCounter({ ...options, cleanups });
  return { cleanups, setup };
}

export type PayNlHarness = Awaited<ReturnType<typeof startPayNlCounter>>;
export type VippsHarness = Awaited<ReturnType<typeof startVippsCounter>>;

/** The input of `payments.refund` for money back online, under a new request id. */
export function onlineRefund(paymentId: string, minor: number, reason: string) {
  return {
    requestId: randomUUID(),
    paymentId,
    amount: { minor, currency: 'EUR' },
    kind: 'online' as const,
    reason,
  };
}

/** A Pay. payment of `minor` for one invoice, paid at the fake and settled at the counter. */
export async function paidAtPayNl({ counter, fake }: PayNlHarness, minor: number, terminalId: string) {
  const paid = await payOneInvoice(counter, minor, terminalId);
  fake.pay(paid.started.providerRef ?? '');
  await counter.waitForPayment(paid.started.id, settled);
  return paid;
}

/** Engine options for a Vipps counter that polls only when a test asks: the test's own steps drive it. */
export const QUIET_VIPPS = { providerPollMs: { vipps: 60_000, vippsFirst: 60_000 } };

/** The cashier's test phone number, as typed and as Vipps receives it (MSISDN). */
export const VIPPS_PHONE = '+358 40 123 4567';
export const VIPPS_MSISDN = '358401234567';

/** A MobilePay request of `minor` pushed to the test phone for `invoiceCount` invoices of one customer. */
export async function requestMobilePay(harness: VippsHarness, minor = 1250, invoiceCount = 1) {
  const { customerId, invoices } = await customerWithInvoices(harness.counter, invoiceCount);
  const payment = await startPayment(harness.counter, {
    customerId,
    invoiceIds: invoices.map((i) => i.id),
    minor,
    terminalId: 'mobilepay',
    phone: VIPPS_PHONE,
  });
  return { payment, customerId, invoices };
}
