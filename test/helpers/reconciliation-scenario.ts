import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../../electron/core/clock';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/types';
import { openRepositories } from '../../electron/core/engine/open-repositories';
import type { PayNlConfig } from '../../electron/core/payments/paynl/paynl-config';
import { createPayNlSettlements } from '../../electron/core/payments/paynl/settlements';
import { createVippsSettlements } from '../../electron/core/payments/vipps/settlements';
import { createVippsClient } from '../../electron/core/payments/vipps/vipps-client';
import type { VippsConfig } from '../../electron/core/payments/vipps/vipps-config';
import type { ProviderSettlementSource } from '../../electron/core/reconciliation/import';
import type { PayNlFake } from '../../fakes/paynl/paynl-fake';
import type { VippsFake } from '../../fakes/vipps/vipps-fake';

/** The test's "now": every scenario day lies before it, so each ledger date is closed. */
export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const fixedClock = (at: Date = NOW): Clock & { set(d: Date): void } => {
  let now = at;
  return { now: () => now, set: (d) => (now = d) };
};

/** A Kassa database with customers and approved payments, written through the real repositories. */
export function openBooks(dir: string): { db: Db; repos: ReturnType<typeof openRepositories> } & BookWriter {
  const db = openDatabase(join(dir, 'kassa.sqlite'));
  const repos = openRepositories(db);
  repos.customers.upsert({
    id: 'c1',
    number: '100001',
    name: 'Bakkerij Test',
    city: 'Utrecht',
    email: null,
    phone: null,
    currency: 'EUR',
  });
  return { db, repos, ...bookWriter(repos) };
}

interface BookWriter {
  payment(input: {
    provider: string;
    reference: string;
    minor: number;
    currency: string;
    on: string;
    providerRef?: string;
    method?: 'card_terminal' | 'mobile_request';
  }): string;
  refund(paymentId: string, minor: number, on: string): string;
}

function bookWriter(repos: ReturnType<typeof openRepositories>): BookWriter {
  return {
    payment(input) {
      const id = randomUUID();
      const at = `${input.on}T10:00:00.000Z`;
      repos.payments.insert(
        {
          id,
          requestId: randomUUID(),
          requestHash: 'h',
          reference: input.reference,
          idempotencyKey: randomUUID(),
          customerId: 'c1',
          amountMinor: input.minor,
          currency: input.currency,
          method: input.method ?? (input.provider === 'vipps' ? 'mobile_request' : 'card_terminal'),
          provider: input.provider,
          terminalId: `${input.provider}-t-${id}`,
          phone: null,
          createdAt: at,
        },
        [],
        'approved',
      );
      repos.payments.update(
        id,
        {
          status: 'approved',
          phase: null,
          cancelRequested: false,
          refundedMinor: 0,
          providerRef: input.providerRef ?? input.reference,
        },
        at,
      );
      return id;
    },
    refund(paymentId, minor, on) {
      const id = randomUUID();
      const p = repos.payments.get(paymentId);
      if (!p) throw new Error('no payment');
      repos.refunds.insert({
        id,
        paymentId,
        requestId: randomUUID(),
        idempotencyKey: randomUUID(),
        kind: 'online',
        amountMinor: minor,
        currency: p.currency,
        terminalId: null,
        reason: 'test',
        createdAt: `${on}T11:00:00.000Z`,
      });
      repos.refunds.setStatus(id, 'succeeded', `${on}T11:00:00.000Z`);
      return id;
    },
  };
}

export function payNlConfigFor(fake: PayNlFake): PayNlConfig {
  return {
    connectUrl: fake.url,
    restUrl: fake.url,
    tokenCode: fake.credentials.tokenCode,
    apiToken: fake.credentials.apiToken,
    serviceId: fake.credentials.serviceId,
    serviceSecret: fake.credentials.serviceSecret,
    testMode: true,
    exchangeUrl: null,
  };
}

export function vippsConfigFor(fake: VippsFake): VippsConfig {
  return {
    apiUrl: fake.url,
    clientId: fake.credentials.clientId,
    clientSecret: fake.credentials.clientSecret,
    subscriptionKey: fake.credentials.subscriptionKey,
    merchantSerialNumber: fake.credentials.msn,
    testMode: true,
  };
}

/** The real settlement sources of both providers, pointed at the fakes (over loopback HTTP). */
export function sourcesFor(
  fakes: { paynl?: PayNlFake; vipps?: VippsFake },
  options: { log?: (message: string) => void } = {},
): ProviderSettlementSource[] {
  const sources: ProviderSettlementSource[] = [];
  if (fakes.paynl) {
    const config = payNlConfigFor(fakes.paynl);
    sources.push({ provider: 'paynl', source: createPayNlSettlements({ config: () => config }) });
  }
  if (fakes.vipps) {
    const config = vippsConfigFor(fakes.vipps);
    const client = createVippsClient({ config: () => config, systemVersion: 'test' });
    sources.push({
      provider: 'vipps',
      source: createVippsSettlements({ client, config: () => config, log: options.log }),
    });
  }
  return sources;
}

/**
 * The realistic month both fakes serve (see the issue): fees, a Vipps payout spanning three ledger
 * dates, refunds, chargebacks, an approved payment never settled, a settled payment Kassa never saw,
 * an amount that differs, a fee out of range and a refund made only at the provider.
 */
export function seedScenario(books: BookWriter, fakes: { paynl: PayNlFake; vipps: VippsFake }) {
  const { vipps, paynl } = fakes;
  const v = (
    reference: string,
    on: string,
    minor: number,
    fee: number,
    entryType: 'capture' | 'refund' | 'retained-disputed-capture' = 'capture',
  ) => vipps.report.add({ entryType, reference, amountMinor: minor, feeMinor: fee, currency: 'NOK', ledgerDate: on });
  const ids = {
    v1: books.payment({ provider: 'vipps', reference: 'KS-V1', minor: 10_000, currency: 'NOK', on: '2026-11-10' }),
    v2: books.payment({ provider: 'vipps', reference: 'KS-V2', minor: 25_000, currency: 'NOK', on: '2026-11-11' }),
    v3: books.payment({ provider: 'vipps', reference: 'KS-V3', minor: 8_000, currency: 'NOK', on: '2026-11-11' }),
    v4: books.payment({ provider: 'vipps', reference: 'KS-V4', minor: 3_000, currency: 'NOK', on: '2026-11-10' }),
    v5: books.payment({ provider: 'vipps', reference: 'KS-V5', minor: 12_000, currency: 'NOK', on: '2026-11-12' }),
    v6: books.payment({ provider: 'vipps', reference: 'KS-V6', minor: 5_000, currency: 'NOK', on: '2026-11-12' }),
    p1: books.payment({
      provider: 'paynl',
      reference: 'KS-P1',
      minor: 4_500,
      currency: 'EUR',
      on: '2026-11-10',
      providerRef: 'order-p1',
    }),
    p2: books.payment({
      provider: 'paynl',
      reference: 'KS-P2',
      minor: 1_250,
      currency: 'EUR',
      on: '2026-11-11',
      providerRef: 'order-p2',
    }),
    p3: books.payment({
      provider: 'paynl',
      reference: 'KS-P3',
      minor: 2_000,
      currency: 'EUR',
      on: '2026-11-11',
      providerRef: 'order-p3',
    }),
  };
  const refunds = { v2: books.refund(ids.v2, 5_000, '2026-11-12'), p2: books.refund(ids.p2, 1_250, '2026-11-11') };
  v('KS-V1', '2026-11-10', 10_000, 175);
  v('KS-V2', '2026-11-11', 25_000, 438);
  v('KS-V3', '2026-11-11', 8_000, 140);
  v('KS-V2', '2026-11-12', -5_000, 0, 'refund');
  v('OUTSIDE-1', '2026-11-12', 7_700, 135);
  v('KS-V5', '2026-11-12', 11_900, 208);
  v('KS-V6', '2026-11-12', 5_000, 900);
  v('KS-V3', '2026-11-13', -8_000, 0, 'retained-disputed-capture');
  v('KS-V1', '2026-11-13', -2_000, 0, 'refund');
  vipps.report.payoutOn('2026-11-12');
  vipps.report.closeThrough('2026-11-19');
  const c = paynl.clearings;
  const pay = (
    type: 'PAYMENT' | 'REFUND' | 'CHARGEBACK',
    transactionId: string,
    reference: string | null,
    minor: number,
    costs: number,
    on: string,
    clearingDate: string | null,
  ) =>
    c.add({
      type,
      transactionId,
      reference,
      amountMinor: minor,
      costsMinor: costs,
      currency: 'EUR',
      processedDate: on,
      clearingDate,
    });
  pay('PAYMENT', 'order-p1', 'KS-P1', 4_500, 35, '2026-11-10', '2026-11-11');
  pay('PAYMENT', 'order-p2', null, 1_250, 19, '2026-11-11', '2026-11-12');
  pay('REFUND', 'order-p2', 'KS-P2', -1_250, 0, '2026-11-11', '2026-11-12');
  pay('PAYMENT', 'order-zz', 'SOFTPOS-9', 990, 12, '2026-11-11', '2026-11-12');
  pay('CHARGEBACK', 'order-p1', 'KS-P1', -4_500, 1_500, '2026-11-12', '2026-11-13');
  return { ids, refunds };
}
