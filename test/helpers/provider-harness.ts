import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { type PayNlFake, startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { startVippsFake, type VippsFake, type VippsFakeOptions } from '../../fakes/vipps/vipps-fake';
import type { Invoice, PaymentDto } from '../../shared/api/schemas';
import { isOpen } from '../../shared/payment/states';
import { startTestEngine, type TestEngine, type TestEngineConfig } from './test-engine';

/** The shop's public URL as Pay. and Vipps know it; the fakes deliver it to Kassa's local listener. */
export const PUBLIC_URL = 'https://kassa.bloemenhal.example/hooks';

function toListener(getPort: () => number | null) {
  return (url: string) => {
    const port = getPort();
    if (!port) throw new Error('webhook listener not started');
    return url.replace(PUBLIC_URL, `http://127.0.0.1:${port}`);
  };
}

export async function startPayNlCounter(
  options: {
    engine?: Partial<TestEngineConfig>;
    exchangeMode?: 'signed' | 'unsigned' | 'legacy' | 'off' | 'hold';
    /** Runs once the Pay. fake is up, before the counter starts (to add a LAN terminal, say). */
    before?: (fake: PayNlFake) => Promise<Partial<TestEngineConfig>>;
    /** Where to register the fake and the counter for closing (see closeAfterEach). */
    cleanups?: Cleanups;
  } = {},
) {
  let engine: TestEngine | null = null;
  const fake = await startPayNlFake({
    exchangeMode: options.exchangeMode ?? 'signed',
    deliverExchange: toListener(() => engine?.engine.webhookPort() ?? null),
    locationExchangeUrl: `${PUBLIC_URL}/paynl/exchange`,
  });
  const env = { ...payNlEnv(fake), KASSA_PAYNL_TEST_MODE: '1' };
  const extra = options.before ? await options.before(fake) : {};
  const start = async (overrides: Partial<TestEngineConfig> = {}) => {
    engine = await startTestEngine({
      env,
      webhooks: { port: 0, publicUrl: PUBLIC_URL },
      providerPollMs: { paynl: 25 },
      // Outbox contents are part of what the tests check; delivery is tested elsewhere.
      autoSync: false,
      ...extra,
      ...options.engine,
      ...overrides,
    });
    return engine;
  };
  const counter = await start();
  options.cleanups?.push(fake.close, () => counter.close());
  return { fake, counter, env, restart: start };
}

export async function startVippsCounter(
  options: {
    engine?: Partial<TestEngineConfig>;
    fake?: VippsFakeOptions;
    webhooks?: boolean;
    cleanups?: Cleanups;
  } = {},
) {
  let engine: TestEngine | null = null;
  const fake = await startVippsFake({
    deliverWebhook: toListener(() => engine?.engine.webhookPort() ?? null),
    ...options.fake,
  });
  const env = vippsEnv(fake);
  const start = async (overrides: Partial<TestEngineConfig> = {}) => {
    engine = await startTestEngine({
      env,
      webhooks: options.webhooks === false ? null : { port: 0, publicUrl: PUBLIC_URL },
      providerPollMs: { vipps: 25, vippsFirst: 25 },
      autoSync: false,
      ...options.engine,
      ...overrides,
    });
    return engine;
  };
  const counter = await start();
  options.cleanups?.push(fake.close, () => counter.close());
  return { fake, counter, env, restart: start };
}

/** A demo customer with at least `count` open invoices. */
export async function customerWithInvoices(
  counter: TestEngine,
  count: number,
): Promise<{ customerId: string; invoices: Invoice[] }> {
  for (const query of ['a', 'e', 'o', 'i']) {
    for (const hit of await counter.call('customers.search', { query })) {
      if (hit.openInvoiceCount < count || hit.currency !== 'EUR') continue;
      const invoices = await counter.call('invoices.open', { customerId: hit.id });
      const usable = invoices.filter((i) => i.outstandingMinor > 200);
      if (usable.length >= count) return { customerId: hit.id, invoices: usable.slice(0, count) };
    }
  }
  throw new Error(`no demo customer with ${count} open invoices`);
}

export async function startPayment(
  counter: TestEngine,
  input: { customerId: string; invoiceIds: string[]; minor: number; terminalId: string; phone?: string },
): Promise<PaymentDto> {
  return counter.call('payments.start', {
    requestId: randomUUID(),
    customerId: input.customerId,
    invoiceIds: input.invoiceIds,
    amount: { minor: input.minor, currency: 'EUR' },
    terminalId: input.terminalId,
    ...(input.phone ? { phone: input.phone } : {}),
  });
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The environment a scripted install would set to point Kassa at the Pay. fake. */
export function payNlEnv(fake: PayNlFake): Record<string, string> {
  return {
    KASSA_PAYNL_CONNECT_URL: fake.url,
    KASSA_PAYNL_REST_URL: fake.url,
    KASSA_PAYNL_TOKEN_CODE: fake.credentials.tokenCode,
    KASSA_PAYNL_API_TOKEN: fake.credentials.apiToken,
    KASSA_PAYNL_SERVICE_ID: fake.credentials.serviceId,
    KASSA_PAYNL_SERVICE_SECRET: fake.credentials.serviceSecret,
  };
}

/** The same for the Vipps MobilePay fake. */
export function vippsEnv(fake: VippsFake): Record<string, string> {
  return {
    KASSA_VIPPS_API_URL: fake.url,
    KASSA_VIPPS_CLIENT_ID: fake.credentials.clientId,
    KASSA_VIPPS_CLIENT_SECRET: fake.credentials.clientSecret,
    KASSA_VIPPS_SUBSCRIPTION_KEY: fake.credentials.subscriptionKey,
    KASSA_VIPPS_MSN: fake.credentials.msn,
  };
}

/** A payment the provider no longer has open (whatever its outcome). */
export const settled = (p: PaymentDto): boolean => !isOpen(p.status);

/** Things to close after each test of the file, closed in reverse order. */
export type Cleanups = (() => Promise<void> | void)[];

export function closeAfterEach(): Cleanups {
  const cleanups: Cleanups = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** Starts a payment for the oldest usable invoice of a demo customer. */
export async function payOneInvoice(counter: TestEngine, minor: number, terminalId: string, phone?: string) {
  const { customerId, invoices } = await customerWithInvoices(counter, 1);
  const invoice = invoices[0];
  if (!invoice) throw new Error('no invoice');
  const started = await startPayment(counter, { customerId, invoiceIds: [invoice.id], minor, terminalId, phone });
  return { started, customerId, invoice };
}
