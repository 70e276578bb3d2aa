import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import { lastBatchClose } from '../../electron/core/payments/paytrace/batch-close';
import { createPayTraceClient } from '../../electron/core/payments/paytrace/paytrace-client';
import { payTraceFromEnvironment } from '../../electron/core/payments/paytrace/paytrace-config';
import { createPayTraceProvider } from '../../electron/core/payments/paytrace/paytrace-provider';
import { createPayTraceSettledStore } from '../../electron/core/payments/paytrace/settled-store';
import type { AttemptRef, StartRequest } from '../../electron/core/payments/provider';
import { type PayTraceFake, startPayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import { payTraceEnv, wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach } from '../helpers/provider-harness';
import { tempDir } from '../helpers/test-engine';

/**
 * How long an "unsettled" answer about a PayTrace sale holds: until PayTrace's batch close (8 p.m.
 * Pacific by default), then it is asked again. The adapter on a real SQLite file and the PayTrace
 * fake over HTTP, both on a clock the test moves; "a restart" is a new adapter on the same file.
 */

const cleanups = closeAfterEach();
const BY_ID = '/v1/transactions/export/by_id';

describe('PayTrace’s batch close and the age of an "unsettled" answer (adapter, moved clock)', () => {
  /**
   * The adapter on a real SQLite file and the fake on one clock the test moves. `autoClose`: the
   * fake closes its batch at 8 p.m. Pacific as PayTrace does by default; false: a merchant who
   * turned auto-close off.
   */
  async function adapter(at: string, autoClose = true) {
    let now = new Date(at);
    const fake = await startPayTraceFake({
      now: () => now,
      ...(autoClose ? { closeBatchAt: { hour: 20, minute: 0 } } : {}),
    });
    cleanups.push(fake.close);
    const config = payTraceFromEnvironment(payTraceEnv(fake));
    const client = createPayTraceClient({ config: () => config, now: () => now.getTime() });
    const file = join(tempDir(), 'kassa.sqlite');
    const open = () => {
      const db = openDatabase(file);
      cleanups.push(() => {
        db.close();
      });
      return createPayTraceProvider({
        client,
        configured: () => true,
        settled: createPayTraceSettledStore(db),
        now: () => now,
      });
    };
    return { fake, open, set: (iso: string) => (now = new Date(iso)) };
  }

  const attempt = (reference: string, providerRef: string): AttemptRef => ({
    reference,
    providerRef,
    terminalId: 'paytrace-card',
    idempotencyKey: reference,
    amountMinor: 1_000,
    currency: 'USD',
    phone: null,
  });
  const start = (reference: string): StartRequest => ({
    reference,
    idempotencyKey: reference,
    amount: { minor: 1_000, currency: 'USD' },
    terminalId: 'paytrace-card',
    description: `Invoice ${reference}`,
    phone: null,
    customer: {
      id: 'c',
      name: 'Evergreen',
      email: null,
      language: null,
      providerCustomerIds: { paytrace: 'KASSA-US-1001' },
    },
  });
  const asked = (fake: PayTraceFake) => fake.seen.filter((r) => r.path === BY_ID).length;

  it('trusted until 8 p.m. Pacific, asked again after it (and the answer kept); settled is final', async () => {
    // 1 December 2026, 19:50 Pacific standard time (UTC−8).
    const { fake, open, set } = await adapter('2026-12-02T03:50:00Z');
    const provider = open();
    const sale = attempt('KS-S-1', (await provider.start(start('KS-S-1'))).providerRef);
    set('2026-12-02T03:59:00Z');
    expect(provider.settledState(sale)).toBe('unsettled');
    expect(asked(fake)).toBe(0);

    // 20:01: PayTrace closed the batch at 20:00 (the fake on its own clock).
    set('2026-12-02T04:01:00Z');
    // A restart: a new adapter on the same file knows only what the file says.
    const restarted = open();
    expect(restarted.settledState(sale)).toBeNull();
    expect(await restarted.refreshSettled(sale)).toBe('settled');
    expect(asked(fake)).toBe(1);
    expect(fake.sales()[0]?.batch).toBe(fake.ledger.batches[0]?.number);
    set('2026-12-05T12:00:00Z');
    expect(open().settledState(sale)).toBe('settled');
    expect(asked(fake)).toBe(1);
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('in summer the batch closes at 8 p.m. PDT (UTC−7), for the fake and the adapter alike', async () => {
    // 30 June 2026, 19:50 Pacific daylight time.
    const { fake, open, set } = await adapter('2026-07-01T02:50:00Z');
    const provider = open();
    const sale = attempt('KS-S-4', (await provider.start(start('KS-S-4'))).providerRef);
    set('2026-07-01T02:59:00Z');
    expect(provider.settledState(sale)).toBe('unsettled');
    // 20:01 PDT: the batch closed at 20:00 PDT (03:00 UTC), not at 21:00 PDT.
    set('2026-07-01T03:01:00Z');
    expect(provider.settledState(sale)).toBeNull();
    expect(await provider.refreshSettled(sale)).toBe('settled');
    expect(fake.ledger.batches.map((b) => b.settledAt.toISOString())).toEqual(['2026-07-01T03:00:00.000Z']);
  });

  it('auto-close off: a sale is trusted open until the next 8 p.m., then asked once, still open, and trusted again', async () => {
    const { fake, open, set } = await adapter('2026-12-02T04:05:00Z', false);
    const provider = open();
    const sale = attempt('KS-S-2', (await provider.start(start('KS-S-2'))).providerRef);
    set('2026-12-03T03:59:00Z');
    expect(provider.settledState(sale)).toBe('unsettled');
    set('2026-12-03T04:00:00Z');
    expect(provider.settledState(sale)).toBeNull();
    expect(await provider.refreshSettled(sale)).toBe('unsettled');
    expect(provider.settledState(sale)).toBe('unsettled');
    expect(asked(fake)).toBe(1);
  });

  it('a void PayTrace answers too late teaches "settled", kept for the next start', async () => {
    const { fake, open } = await adapter('2026-12-02T03:00:00Z');
    const provider = open();
    const sale = attempt('KS-S-3', (await provider.start(start('KS-S-3'))).providerRef);
    fake.settleBatch();
    expect(await provider.void?.(sale)).toBe('too_late');
    expect(open().settledState(sale)).toBe('settled');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(0);
  });
});

describe('an "unsettled" answer is as old as its question', () => {
  /** The adapter and the fake on clocks of their own: the fake answers at 19:59:59, the answer lands after 20:00. */
  async function slowAnswer() {
    const clocks = { fake: new Date('2026-12-02T03:59:59Z'), kassa: new Date('2026-12-02T03:59:59Z') };
    const fake = await startPayTraceFake({ now: () => clocks.fake, closeBatchAt: { hour: 20, minute: 0 } });
    cleanups.push(fake.close);
    const config = payTraceFromEnvironment(payTraceEnv(fake));
    const db = openDatabase(join(tempDir(), 'kassa.sqlite'));
    cleanups.push(() => {
      db.close();
    });
    const store = createPayTraceSettledStore(db);
    const provider = createPayTraceProvider({
      client: createPayTraceClient({ config: () => config, now: () => clocks.kassa.getTime() }),
      configured: () => true,
      settled: store,
      now: () => clocks.kassa,
    });
    // Sales Kassa knows nothing about yet (a restart after a lost table): asking is the only way.
    const sale = (reference: string): AttemptRef => {
      const body = fake.ledger.sale('card', {
        customerId: 'KASSA-US-1001',
        description: '',
        amountMinor: 1_000,
        invoiceId: reference,
      }).body;
      return attempt(reference, String(body.transaction_id));
    };
    const learnedAt = (reference: string) =>
      (
        db.prepare('SELECT learned_at AS at FROM paytrace_settlement_state WHERE reference = ?').get(reference) as
          | { at: string }
          | undefined
      )?.at;
    const known = (a: AttemptRef) => store.known({ ...a, rail: 'card' }, clocks.kassa);
    return { fake, provider, clocks, sale, learnedAt, known };
  }
  const attempt = (reference: string, providerRef: string): AttemptRef => ({
    reference,
    providerRef,
    terminalId: 'paytrace-card',
    idempotencyKey: reference,
    amountMinor: 1_000,
    currency: 'USD',
    phone: null,
  });

  it('asked (or sold) at 19:59:59 Pacific and answered after the 8 p.m. close: not trusted, asked again, settled', async () => {
    const { provider, clocks, sale, learnedAt, known } = await slowAnswer();
    const first = sale('KS-S-6');
    const answer = provider.refreshSettled(first);
    clocks.kassa = new Date('2026-12-02T04:00:01Z'); // the answer arrives after the close
    expect(await answer).toBe('unsettled');
    expect(learnedAt('KS-S-6')).toBe('2026-12-02T03:59:59.000Z');
    expect(known(first)).toBeNull();

    // The status path keeps its answer by the same rule.
    clocks.kassa = new Date('2026-12-02T03:59:59Z');
    const second = sale('KS-S-7');
    const status = provider.status(second);
    clocks.kassa = new Date('2026-12-02T04:00:01Z');
    expect((await status).kind).toBe('approved');
    expect(learnedAt('KS-S-7')).toBe('2026-12-02T03:59:59.000Z');
    expect(known(second)).toBeNull();

    // The sale's own answer, sent at 19:59:59 and answered after 20:00, dates from when it was sent.
    clocks.kassa = new Date('2026-12-02T03:59:59Z');
    const selling = provider.start({
      reference: 'KS-S-8',
      idempotencyKey: 'KS-S-8',
      amount: { minor: 1_000, currency: 'USD' },
      terminalId: 'paytrace-card',
      description: 'Invoice KS-S-8',
      phone: null,
      customer: {
        id: 'c',
        name: 'Evergreen',
        email: null,
        language: null,
        providerCustomerIds: { paytrace: 'KASSA-US-1001' },
      },
    });
    clocks.kassa = new Date('2026-12-02T04:00:01Z');
    const third = attempt('KS-S-8', (await selling).providerRef);
    expect(learnedAt('KS-S-8')).toBe('2026-12-02T03:59:59.000Z');
    expect(known(third)).toBeNull();

    // PayTrace's clock passes 8 p.m. too: asked again, the batch has closed.
    clocks.fake = new Date('2026-12-02T04:00:01Z');
    expect(await provider.refreshSettled(first)).toBe('settled');
  });
});

describe('PayTrace’s batch close time', () => {
  it('the last 8 p.m. in Los Angeles at or before now, in standard and daylight-saving time', () => {
    const close = (iso: string) => lastBatchClose(new Date(iso)).toISOString();
    expect(close('2026-12-02T05:00:00Z')).toBe('2026-12-02T04:00:00.000Z'); // 21:00 PST
    expect(close('2026-12-02T04:00:00Z')).toBe('2026-12-02T04:00:00.000Z'); // 20:00 PST exactly
    expect(close('2026-12-02T03:59:00Z')).toBe('2026-12-01T04:00:00.000Z'); // 19:59 PST
    expect(close('2026-07-02T03:30:00Z')).toBe('2026-07-02T03:00:00.000Z'); // 20:30 PDT
    expect(close('2026-07-02T02:59:59.500Z')).toBe('2026-07-01T03:00:00.000Z');
    // The mornings after the switches (8 March and 1 November 2026): the evening before was the other time.
    expect(close('2026-03-08T12:00:00Z')).toBe('2026-03-08T04:00:00.000Z');
    expect(close('2026-11-01T12:00:00Z')).toBe('2026-11-01T03:00:00.000Z');
  });
});
