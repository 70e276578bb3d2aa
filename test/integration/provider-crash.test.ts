import { describe, expect, it } from 'vitest';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import type { PaymentDto } from '../../shared/api/schemas';
import { killPaymentChildWhen, restartVippsCounter } from '../helpers/payment-child';
import { closeAfterEach, PUBLIC_URL, payNlEnv, vippsEnv } from '../helpers/provider-harness';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

const cleanups = closeAfterEach();

/** Starts a payment in a child process, waits until the provider has the request, then SIGKILLs the child. */
const crashMidRequest = (
  dataDir: string,
  env: Record<string, string>,
  terminal: string,
  seen: () => boolean,
  phone?: string,
) => killPaymentChildWhen(cleanups, { dataDir, env, terminal, phone }, seen);

async function onlyPayment(counter: TestEngine): Promise<PaymentDto> {
  const [payment] = await counter.call('payments.today', {});
  if (!payment) throw new Error('the payment was not recorded');
  return payment;
}

describe('a counter killed (SIGKILL) while the provider holds the answer to the start', () => {
  it('MobilePay: recovery reads the payment back by its reference; the customer gets one request', async () => {
    const fake = await startVippsFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const env = vippsEnv(fake);
    fake.failNext(/POST \/epayment\/v1\/payments$/, 'slow');
    const dataDir = tempDir();
    const creates = () => fake.seen.filter((r) => r.method === 'POST' && r.path === '/epayment/v1/payments').length;
    await crashMidRequest(dataDir, env, 'mobilepay', () => creates() === 1, '+4791234567');

    const counter = await restartVippsCounter(cleanups, dataDir, env);
    const recovered = await onlyPayment(counter);
    expect(recovered.status).toBe('pending');
    expect(recovered.phase).toBe('waiting_customer');
    fake.approve(recovered.reference);
    expect((await counter.waitForPayment(recovered.id, (p) => p.status === 'approved')).status).toBe('approved');
    expect(creates()).toBe(1);
  });

  it('Pay.: the attempt is shown unknown (never re-sent) until the exchange call names the order', async () => {
    let counter: TestEngine | null = null;
    const fake = await startPayNlFake({
      deliverExchange: (url) => url.replace(PUBLIC_URL, `http://127.0.0.1:${counter?.engine.webhookPort() ?? 0}`),
    });
    cleanups.push(fake.close);
    const env = payNlEnv(fake);
    fake.failNext(/POST \/v1\/orders$/, 'slow');
    const dataDir = tempDir();
    await crashMidRequest(dataDir, env, 'TH-1000-0001', () => fake.orders().length === 1);

    counter = await startTestEngine({
      dataDir,
      env,
      autoSync: false,
      webhooks: { port: 0, publicUrl: PUBLIC_URL },
      providerPollMs: { paynl: 25 },
    });
    const started = counter;
    cleanups.push(() => started.close());
    const recovered = await onlyPayment(started);
    expect(recovered.status).toBe('unknown');
    expect(recovered.providerRef).toBeNull();
    // The exchange URL was in the order the crashed counter sent; Pay. calls it when the card is paid.
    const order = fake.orders()[0];
    if (!order) throw new Error('no order');
    order.exchangeUrl = `${PUBLIC_URL}/paynl/exchange`;
    fake.pay(order.id);
    const paid = await started.waitForPayment(recovered.id, (p) => p.status === 'approved');
    expect(paid.providerRef).toBe(order.id);
    expect(fake.orders()).toHaveLength(1);
  });
});
