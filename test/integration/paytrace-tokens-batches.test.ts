import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import { createPayTraceClient } from '../../electron/core/payments/paytrace/paytrace-client';
import { PAYTRACE_SANDBOX_URL, payTraceFromEnvironment } from '../../electron/core/payments/paytrace/paytrace-config';
import { createPayTraceProvider } from '../../electron/core/payments/paytrace/paytrace-provider';
import { payTraceSettings } from '../../electron/core/payments/paytrace/paytrace-settings';
import { createPayTraceSettledStore } from '../../electron/core/payments/paytrace/settled-store';
import { createPayTraceSettlements } from '../../electron/core/payments/paytrace/settlements';
import { dollarsOf, minorOf } from '../../electron/core/payments/paytrace/wire';
import { ProviderError, type StartRequest } from '../../electron/core/payments/provider';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { type PayTraceFake, startPayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import { payTraceEnv, wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach } from '../helpers/provider-harness';
import { tempDir } from '../helpers/test-engine';

/** The PayTrace adapter on its own against the fake: tokens, batches into settlement rows, settings. */

const cleanups = closeAfterEach();

/** The adapter and the fake on one clock the test moves. */
async function adapter() {
  let at = Date.now();
  const clock = { now: () => at, advance: (ms: number) => (at += ms) };
  const fake = await startPayTraceFake({ now: () => new Date(clock.now()) });
  cleanups.push(fake.close);
  const config = payTraceFromEnvironment(payTraceEnv(fake));
  const client = createPayTraceClient({ config: () => config, now: clock.now });
  const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  cleanups.push(() => {
    db.close();
  });
  const settled = createPayTraceSettledStore(db);
  const provider = createPayTraceProvider({
    client,
    configured: () => true,
    settled,
    now: () => new Date(clock.now()),
  });
  return { fake, client, provider, settled, clock, db };
}

const sale = (reference: string, minor: number, terminalId = 'paytrace-card', customer = 'KASSA-US-1002') =>
  ({
    reference,
    idempotencyKey: reference,
    amount: { minor, currency: 'USD' },
    terminalId,
    description: `Invoice ${reference}`,
    phone: null,
    customer: {
      id: 'c',
      name: 'Sunset Nursery Inc.',
      email: null,
      language: null,
      providerCustomerIds: { paytrace: customer },
    },
  }) satisfies StartRequest;

const tokenRequests = (fake: PayTraceFake) => fake.seen.filter((r) => r.path === '/oauth/token').length;
const saleRequests = (fake: PayTraceFake) => fake.seen.filter((r) => r.path.endsWith('/sale/by_customer')).length;

describe('PayTrace OAuth tokens', () => {
  it('one token until it is about to expire, then a new one before the request (password grant, form-encoded)', async () => {
    const { fake, provider, clock } = await adapter();
    await provider.start(sale('KS-T-1', 1_000));
    await provider.start(sale('KS-T-2', 1_000));
    expect(tokenRequests(fake)).toBe(1);
    clock.advance(7_200_000 - 30_000);
    await provider.start(sale('KS-T-3', 1_000));
    expect(tokenRequests(fake)).toBe(2);
    expect(saleRequests(fake)).toBe(3);
    expect(fake.seen.find((r) => r.path === '/oauth/token')?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('invalid_token mid-session: a new token and the request once more; a second invalid_token is a refusal', async () => {
    const { fake, provider, client } = await adapter();
    await provider.start(sale('KS-T-4', 1_000));
    fake.revokeTokens();
    await provider.start(sale('KS-T-5', 1_000));
    expect(client.tokensFetched()).toBe(2);
    expect(fake.sales().map((s) => s.invoiceId)).toEqual(['KS-T-4', 'KS-T-5']);

    fake.refuseNextTokens(2);
    const refused = await provider.start(sale('KS-T-6', 1_000)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: 'refused', code: 'token_401' });
    // The cached token, refused; one new token, refused too: no third try.
    expect(client.tokensFetched()).toBe(3);
    expect(fake.sales()).toHaveLength(2);
  });

  it('a wrong password is refused at the token: nothing is sent', async () => {
    const fake = await startPayTraceFake();
    cleanups.push(fake.close);
    const config = { ...payTraceFromEnvironment(payTraceEnv(fake)), password: 'wrong' } as ReturnType<
      typeof payTraceFromEnvironment
    >;
    const client = createPayTraceClient({ config: () => config });
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
    cleanups.push(() => {
      db.close();
    });
    const settled = createPayTraceSettledStore(db);
    const provider = createPayTraceProvider({ client, configured: () => true, settled });
    await expect(provider.start(sale('KS-T-7', 1_000))).rejects.toMatchObject({ kind: 'refused', code: 'token_400' });
    expect(saleRequests(fake)).toBe(0);
  });
});

describe('PayTrace batches as settlement rows', () => {
  it('batches/export by date and batches/transaction_list per batch, stored per payment with the batch and the day', async () => {
    const { fake, client, provider, settled, db } = await adapter();
    const card = await provider.start(sale('KS-B-1', 12_345));
    const check = await provider.start(sale('KS-B-2', 50_000, 'paytrace-ach'));
    await provider.start(sale('KS-B-3', 10_002)); // declined: never settles
    const batch = fake.settleBatch();
    const attempt = {
      reference: 'KS-B-1',
      providerRef: card.providerRef,
      terminalId: 'paytrace-card',
      idempotencyKey: 'k',
      amountMinor: 12_345,
      currency: 'USD',
      phone: null,
    };
    await provider.refund?.({
      payment: attempt,
      refundId: 'RF-B-1',
      idempotencyKey: 'r',
      kind: 'online',
      amount: { minor: 2_345, currency: 'USD' },
      terminalId: null,
      description: 'x',
    });
    const second = fake.settleBatch();

    const source = createPayTraceSettlements({ client, account: fake.credentials.username });
    // PayTrace's days are Pacific (the fake: UTC−8).
    const today = new Date(Date.now() - 8 * 3_600_000).toISOString().slice(0, 10);
    const repository = createSettlementRepository(db);
    let cursor: string | null = null;
    for (let more = true; more; ) {
      const page = await source.fetch({ from: today, to: today, cursor });
      repository.storePage(
        page.rows,
        { provider: 'paytrace', account: source.account, cursor: page.cursor },
        new Date().toISOString(),
      );
      cursor = page.cursor;
      more = page.more;
    }
    expect(cursor).toBe(String(second?.number));
    expect(repository.byProviderRef('paytrace', card.providerRef)).toMatchObject([
      {
        type: 'payment',
        payoutId: String(batch?.number),
        settledOn: today,
        ourReference: 'KS-B-1',
        grossMinor: 12_345,
        feeMinor: 0,
        netMinor: 12_345,
        currency: 'USD',
      },
      {
        type: 'refund',
        payoutId: String(second?.number),
        ourReference: 'RF-B-1',
        grossMinor: -2_345,
        netMinor: -2_345,
      },
    ]);
    expect(repository.byProviderRef('paytrace', check.providerRef)).toMatchObject([
      { type: 'payment', grossMinor: 50_000, ourReference: 'KS-B-2' },
    ]);
    // The stored batch rows are what tells the void-or-refund choice the sale settled.
    expect(settled.known({ reference: 'KS-B-1', providerRef: card.providerRef, rail: 'card' }, new Date())).toBe(
      'settled',
    );
    // A row PayTrace sent without our reference is found by the sale's id, on its own rail only.
    const byId = (rail: 'card' | 'check') =>
      settled.known({ reference: 'KS-B-none', providerRef: card.providerRef, rail }, new Date());
    expect([byId('card'), byId('check')]).toEqual(['settled', null]);
    // Fetched again from the stored cursor: nothing new, nothing stored twice.
    expect(await source.fetch({ from: today, to: today, cursor })).toEqual({ rows: [], cursor, more: false });
    expect(wireProblems(fake.seen)).toEqual([]);
  });
});

describe('PayTrace amounts', () => {
  it('cents to a dollar string by integer arithmetic, and back by the digits of the text PayTrace sends', () => {
    expect([0, 1, 10, 99, 100, 300_056, 123_456_789].map(dollarsOf)).toEqual([
      '0.00',
      '0.01',
      '0.10',
      '0.99',
      '1.00',
      '3000.56',
      '1234567.89',
    ]);
    expect(() => dollarsOf(1.5)).toThrow();
    expect(() => dollarsOf(-100)).toThrow();
    expect([0.3, 0.1 + 0.2, 1234.56, 19.99, 12, '7.5', '3000.56'].map(minorOf)).toEqual([
      30, 30, 123_456, 1_999, 1_200, 750, 300_056,
    ]);
    expect(() => minorOf('1,000.00')).toThrow();
  });
});

describe('PayTrace settings', () => {
  it('from the environment (zod-checked), else from Settings with the sandbox switch', () => {
    expect(payTraceFromEnvironment({})).toBeNull();
    expect(() => payTraceFromEnvironment({ KASSA_PAYTRACE_USERNAME: 'api-user' })).toThrow(/KASSA_PAYTRACE_PASSWORD/);
    expect(() =>
      payTraceFromEnvironment({
        KASSA_PAYTRACE_USERNAME: 'u',
        KASSA_PAYTRACE_PASSWORD: 'p',
        KASSA_PAYTRACE_INTEGRATOR_ID: 'i',
        KASSA_PAYTRACE_API_URL: 'ftp://x',
      }),
    ).toThrow(/KASSA_PAYTRACE_API_URL/);
    expect(
      payTraceFromEnvironment({
        KASSA_PAYTRACE_USERNAME: 'u',
        KASSA_PAYTRACE_PASSWORD: 'p',
        KASSA_PAYTRACE_INTEGRATOR_ID: 'i',
        KASSA_PAYTRACE_API_URL: `${PAYTRACE_SANDBOX_URL}/`,
      }),
    ).toEqual({ apiUrl: PAYTRACE_SANDBOX_URL, username: 'u', password: 'p', integratorId: 'i', sandbox: true });
    const values = { username: 'api-user', password: 'secret-password', integratorId: '9999ABC', sandbox: true };
    expect(payTraceSettings.fromValues(values, { callUrl: null })).toMatchObject({
      apiUrl: PAYTRACE_SANDBOX_URL,
      sandbox: true,
    });
    expect(payTraceSettings.fromValues({ ...values, password: null }, { callUrl: null })).toBeNull();
    expect(payTraceSettings.fields.find((f) => f.name === 'password')?.kind).toBe('secret');
  });
});
