import type { BackofficeServer } from '../../backoffice/server';
import { payTraceModule } from '../../electron/core/payments/paytrace';
import { PAYTRACE_REQUESTS } from '../../electron/core/payments/paytrace/wire';
import type { ProviderModule } from '../../electron/core/payments/provider-module';
import type { SeenRequest } from '../../fakes/fake-http';
import { type PayTraceFake, type PayTraceFakeOptions, startPayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import { STATIONS, startTestBackoffice } from './backoffice';
import type { Cleanups } from './provider-harness';
import { startTestEngine, type TestEngine, type TestEngineConfig, tempDir } from './test-engine';

/** US trade customers in the test back-office, and their PayTrace customer ids (none for 1003). */
export const US_CUSTOMERS = {
  'cust-us-1001': 'KASSA-US-1001',
  'cust-us-1002': 'KASSA-US-1002',
  /** Known to the books with an id PayTrace does not have: PayTrace answers code 1. */
  'cust-us-1004': 'KASSA-US-9999',
} as const;

/**
 * The real PayTrace module, with the customer's PayTrace id put into the request as the counter
 * side does from the back-office record (engine/wire-payments.ts `customerOf`, issue 15's counter
 * half). Only the id is added; everything else is the module as shipped.
 */
export function payTraceWithCustomerIds(ids: Readonly<Record<string, string>> = US_CUSTOMERS): ProviderModule {
  return {
    ...payTraceModule,
    create(deps) {
      const instance = payTraceModule.create(deps);
      if (!instance) return null;
      const { provider } = instance;
      const start: typeof provider.start = (request) => {
        const customer = request.customer;
        const id = customer && ids[customer.id];
        if (!customer || !id || customer.providerCustomerIds.paytrace) return provider.start(request);
        return provider.start({ ...request, customer: { ...customer, providerCustomerIds: { paytrace: id } } });
      };
      return { ...instance, provider: { ...provider, start } };
    },
  };
}

/** A back-office with USD customers and open invoices in dollars, besides a few demo (EUR) customers. */
export async function usBackoffice(cleanups: Cleanups, dir?: string): Promise<BackofficeServer> {
  const server = await startTestBackoffice({ customers: 2, dir });
  if (!server.store.invoicesAfter(0, 1000).some((i) => i.currency === 'USD')) {
    const people = [
      ['cust-us-1001', 'Evergreen Growers LLC', 'Portland'],
      ['cust-us-1002', 'Sunset Nursery Inc.', 'San Diego'],
      ['cust-us-1003', 'Prairie Blooms Co.', 'Omaha'],
      ['cust-us-1004', 'Harbor Florals LLC', 'Seattle'],
    ] as const;
    const today = new Date().toISOString().slice(0, 10);
    server.store.seed(
      people.map(([id, name, city], n) => ({
        id,
        number: `US${1001 + n}`,
        name,
        city,
        email: null,
        phone: null,
        currency: 'USD',
      })),
      people.flatMap(([id], n) =>
        [0, 1, 2].map((k) => ({
          id: `inv-${id}-${k}`,
          number: `US-2026-${1001 + n}${k}`,
          customerId: id,
          issueDate: today,
          dueDate: today,
          amountMinor: 250_000,
          outstandingMinor: 250_000,
          currency: 'USD',
        })),
      ),
    );
  }
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}

/** The environment a scripted install sets to point Kassa at PayTrace (here: the fake). */
export function payTraceEnv(fake: PayTraceFake): Record<string, string> {
  return {
    KASSA_PAYTRACE_USERNAME: fake.credentials.username,
    KASSA_PAYTRACE_PASSWORD: fake.credentials.password,
    KASSA_PAYTRACE_INTEGRATOR_ID: fake.credentials.integratorId,
    KASSA_PAYTRACE_API_URL: fake.url,
  };
}

/** The engine config of a counter paying US customers at the PayTrace fake (also used by the crash child). */
export function payTraceCounterConfig(backofficeUrl: string, env: Record<string, string>): Partial<TestEngineConfig> {
  return {
    demo: false,
    backoffice: { url: backofficeUrl, stationId: 'C1', token: STATIONS.C1 },
    env,
    providerModules: [payTraceWithCustomerIds()],
    providerPollMs: { paytrace: 25 },
    autoSync: false,
  };
}

export async function startPayTraceCounter(
  cleanups: Cleanups,
  options: { fake?: PayTraceFakeOptions } = {},
): Promise<{ fake: PayTraceFake; counter: TestEngine; server: BackofficeServer; restart: () => Promise<TestEngine> }> {
  const fake = await startPayTraceFake(options.fake);
  cleanups.push(fake.close);
  const server = await usBackoffice(cleanups);
  const dataDir = tempDir();
  const start = async () => {
    const counter = await startTestEngine({ dataDir, ...payTraceCounterConfig(server.url, payTraceEnv(fake)) });
    cleanups.push(() => counter.close());
    return counter;
  };
  return { fake, counter: await start(), server, restart: start };
}

/** Every request Kassa sent that does not match docs/paytrace-wire.md's schemas (wire.ts), in words. */
export function wireProblems(seen: readonly SeenRequest[]): string[] {
  return seen.flatMap((request) => {
    const schema = PAYTRACE_REQUESTS[request.path];
    if (!schema) return [`${request.path}: not a documented path`];
    const body =
      request.path === '/oauth/token' ? Object.fromEntries(new URLSearchParams(request.rawBody)) : request.body;
    const parsed = schema.safeParse(body);
    return parsed.success ? [] : [`${request.path}: ${parsed.error.message}`];
  });
}
