import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import { createCheckoutClient } from '../../electron/core/payments/checkout/checkout-client';
import { checkoutFromEnvironment } from '../../electron/core/payments/checkout/checkout-config';
import { createCheckoutSettlements } from '../../electron/core/payments/checkout/settlements';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import type { PaymentDto } from '../../shared/api/schemas';
import { onlineRefund } from '../helpers/provider-tests';
import type { TestEngine } from '../helpers/test-engine';
import { type CheckoutHarness, checkoutCounterPerTest, done, specProblems, startLink } from './checkout-harness';

/** Money back (asynchronous refunds, a lost answer re-sent), settlement rows, and OAuth tokens. */

const { setup } = checkoutCounterPerTest();

async function paidLink({ fake, counter }: CheckoutHarness, minor: number) {
  const { payment } = await startLink(counter, minor);
  fake.pay(payment.reference);
  return counter.waitForPayment(payment.id, done);
}

const refundsSettled = (counter: TestEngine, paymentId: string) =>
  counter.waitForPayment(paymentId, (p: PaymentDto) =>
    p.refunds.every((r) => !['recorded', 'sent', 'pending'].includes(r.status)),
  );

describe('Checkout.com money back and settlement data', () => {
  it('refunds in parts up to what is left, each final once Checkout.com processed it', async () => {
    const harness = await setup();
    const { fake, counter } = harness;
    const paid = await paidLink(harness, 1250);
    await counter.call('payments.refund', onlineRefund(paid.id, 500, 'two stems broken'));
    await refundsSettled(counter, paid.id);
    await counter.call('payments.refund', onlineRefund(paid.id, 700, 'rest of the bunch'));
    const after = await refundsSettled(counter, paid.id);
    expect(after.refunds.map((r) => [r.amount.minor, r.status])).toEqual([
      [500, 'succeeded'],
      [700, 'succeeded'],
    ]);
    expect(after).toMatchObject({ status: 'partially_refunded', refundedMinor: 1200 });
    const sent = fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/refunds'));
    expect(sent.map((r) => (r.body as { amount: number }).amount)).toEqual([500, 700]);
    expect(new Set(sent.map((r) => r.headers['cko-idempotency-key'])).size).toBe(2);
    expect(fake.paymentFor(paid.reference)).toMatchObject({ refunded: 1200 });
    // Over what is left: refused, nothing sent.
    await expect(counter.call('payments.refund', onlineRefund(paid.id, 100, 'too much'))).rejects.toThrow();
    expect(fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/refunds'))).toHaveLength(2);
    expect(specProblems(fake)).toEqual([]);
  });

  it('a refund whose answer was lost is re-sent under the same key and refunds once', async () => {
    const harness = await setup();
    const { fake, counter } = harness;
    const paid = await paidLink(harness, 1300);
    fake.failNext(/POST \/payments\/pay_\w+\/refunds$/, 'drop');
    const lost = await counter.call('payments.refund', onlineRefund(paid.id, 1300, 'returned'));
    const [refund] = lost.refunds;
    expect(refund).toMatchObject({ status: 'unknown', retryable: true });
    if (!refund) throw new Error('no refund');
    await counter.call('refunds.retry', { refundId: refund.id });
    const after = await refundsSettled(counter, paid.id);
    expect(after).toMatchObject({ status: 'refunded', refundedMinor: 1300 });
    const sent = fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/refunds'));
    expect(sent).toHaveLength(2);
    expect(sent[0]?.headers['cko-idempotency-key']).toBe(sent[1]?.headers['cko-idempotency-key']);
    expect(fake.paymentFor(paid.reference)).toMatchObject({ refunded: 1300 });
  });

  it('a declined refund (amount ending in 07) ends failed and the money stays taken', async () => {
    const harness = await setup();
    const paid = await paidLink(harness, 1400);
    await harness.counter.call('payments.refund', onlineRefund(paid.id, 107, 'declined refund'));
    const after = await refundsSettled(harness.counter, paid.id);
    expect(after.refunds[0]).toMatchObject({ status: 'failed', failureReason: 'declined_20007' });
    expect(after).toMatchObject({ status: 'approved', refundedMinor: 0 });
  });

  it('fetches financial actions for its payments, page by page, and stores them as settlement rows', async () => {
    const harness = await setup();
    const { fake, counter, env } = harness;
    const first = await paidLink(harness, 1500);
    const second = await paidLink(harness, 2500);
    await counter.call('payments.refund', onlineRefund(first.id, 500, 'partly back'));
    await refundsSettled(counter, first.id);

    const db = openDatabase(join(counter.dataDir, 'kassa.sqlite'), { migrate: false });
    const config = () => checkoutFromEnvironment(env, null);
    const source = createCheckoutSettlements({
      client: createCheckoutClient({ config }),
      config,
      payments: createPaymentRepository(db),
    });
    const store = createSettlementRepository(db);
    const today = new Date().toISOString().slice(0, 10);
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await source.fetch({ from: today, to: today, cursor });
      store.storePage(page.rows, { provider: 'checkout', account: source.account, cursor: page.cursor }, today);
      pages += 1;
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBe(2);
    const rows = [first, second].flatMap((p) => store.byProviderRef('checkout', p.providerRef ?? ''));
    expect(rows.map((r) => [r.type, r.grossMinor, r.feeMinor, r.netMinor, r.currency, r.ourReference])).toEqual(
      expect.arrayContaining([
        ['payment', 1500, 28, 1472, 'EUR', first.reference],
        ['refund', -500, 16, -516, 'EUR', first.reference],
        ['payment', 2500, 40, 2460, 'EUR', second.reference],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.account === 'pc_kassatestchannelkassatest0' && r.payoutId === null)).toBe(true);
    db.close();
    expect(specProblems(fake)).toEqual([]);
  });

  it('with an OAuth client, fetches a token at /connect/token and a new one when it ran out', async () => {
    const harness = await setup({
      env: {
        KASSA_CHECKOUT_CLIENT_ID: 'ack_kassafakeclientkassafakeclie',
        KASSA_CHECKOUT_CLIENT_SECRET: 'fake-oauth-client-secret',
      },
    });
    const { fake, counter } = harness;
    const paid = await paidLink(harness, 1600);
    const token = fake.seen.find((r) => r.path === '/connect/token');
    expect(token?.headers.authorization).toMatch(/^Basic /);
    expect(token?.body).toMatchObject({ grant_type: 'client_credentials' });
    expect(String((token?.body as { scope?: string } | undefined)?.scope)).toContain('gateway:payment-refunds');
    expect(fake.tokensIssued()).toBe(1);
    // Links still go with the secret key (Payment Links take only that); the rest with the token.
    expect(fake.seen.find((r) => r.path === '/payment-links')?.headers.authorization).toBe(
      `Bearer ${fake.credentials.secretKey}`,
    );
    fake.expireTokens();
    await counter.call('payments.refund', onlineRefund(paid.id, 600, 'token ran out'));
    const after = await refundsSettled(counter, paid.id);
    expect(after.refundedMinor).toBe(600);
    expect(fake.tokensIssued()).toBe(2);
    expect(specProblems(fake)).toEqual([]);
  });
});
