import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../electron/core/audit/audit-entry';
import { runActing } from '../../electron/core/people/acting';
import { createReconciliation } from '../../electron/core/reconciliation/reconciliation-service';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { fixedClock, openBooks, seedScenario, sourcesFor } from '../helpers/reconciliation-scenario';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-recon-x-'));
  const paynl = await startPayNlFake();
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(paynl.close, vipps.close);
  const books = openBooks(dir);
  cleanups.push(() => books.db.close());
  const seeded = seedScenario(books, { paynl, vipps });
  const audit: AuditEntry[] = [];
  const clock = fixedClock();
  const recon = createReconciliation({
    db: books.db,
    settlements: createSettlementRepository(books.db),
    sources: () => sourcesFor({ paynl, vipps }),
    clock,
    settings: books.repos.settings,
    audit: (entry) => audit.push(entry),
    options: { pageGapMs: 0 },
  });
  return { paynl, vipps, books, seeded, recon, audit, clock };
}

const summary = (recon: Awaited<ReturnType<typeof setup>>['recon'], state: 'open' | 'resolved' = 'open') =>
  recon.exceptions
    .list({ state })
    .map((e) => `${e.kind} ${e.provider} ${e.expectedMinor ?? '-'}/${e.actualMinor ?? '-'}`)
    .sort();

describe('Matching and exceptions', () => {
  it('matches rows by our reference or the provider id, payments and refunds', async () => {
    const { recon, books, seeded } = await setup();
    await recon.run();
    const matched = (ref: string, type: string) =>
      books.db
        .prepare(
          'SELECT matched_payment_id AS p, matched_refund_id AS r FROM settlement_rows WHERE our_reference IS ? AND type = ? ORDER BY id LIMIT 1',
        )
        .get(ref, type) as { p: string | null; r: string | null };
    expect(matched('KS-V1', 'payment').p).toBe(seeded.ids.v1);
    expect(matched('KS-V2', 'refund')).toEqual({ p: seeded.ids.v2, r: seeded.refunds.v2 });
    // Pay. did not echo our reference on this line: matched by its order id.
    expect(matched(null as unknown as string, 'payment').p).toBe(seeded.ids.p2);
    expect(matched('KS-P2', 'refund')).toEqual({ p: seeded.ids.p2, r: seeded.refunds.p2 });
    expect(matched('OUTSIDE-1', 'payment').p).toBeNull();
  });

  it('raises every kind once; detecting again adds nothing', async () => {
    const { recon } = await setup();
    const run = await recon.run();
    expect(summary(recon)).toEqual([
      'amount_differs vipps 12000/11900',
      'chargeback paynl -/-4500',
      'chargeback vipps -/-8000',
      'fee_out_of_range vipps 200/900',
      'not_settled paynl 2000/-',
      'not_settled vipps 3000/-',
      'refund_not_in_kassa vipps -/-2000',
      'unknown_settlement paynl -/990',
      'unknown_settlement vipps -/7700',
    ]);
    expect(run.exceptionsAdded).toBe(9);
    expect(recon.reconcile().exceptionsAdded).toBe(0);
    expect((await recon.run()).exceptionsAdded).toBe(0);
    expect(recon.exceptions.list({ state: 'all' })).toHaveLength(9);
  });

  it('a payment is not called unsettled before its provider’s usual delay, which a setting changes', async () => {
    const { recon, books, clock } = await setup();
    clock.set(new Date('2026-11-13T12:00:00.000Z'));
    await recon.run();
    expect(recon.exceptions.list({ kind: 'not_settled' })).toHaveLength(0);
    books.repos.settings.set('reconciliation.settleDays.vipps', '2');
    recon.reconcile();
    expect(recon.exceptions.list({ kind: 'not_settled' }).map((e) => e.provider)).toEqual(['vipps']);
  });

  it('a manager resolves one with a note: recorded with who, audited, and it stays resolved', async () => {
    const { recon, audit, clock } = await setup();
    await recon.run();
    const chargeback = recon.exceptions.list({ kind: 'chargeback', provider: 'vipps' })[0];
    if (!chargeback) throw new Error('no chargeback');
    const manager = { userId: 'u1', name: 'Mona Manager', role: 'manager' as const };
    const resolved = runActing({ actor: manager, approvedBy: null }, () =>
      recon.exceptions.resolve(chargeback.id, 'Disputed with the customer; accepted.', clock.now()),
    );
    expect(resolved).toMatchObject({
      resolvedBy: 'Mona Manager',
      note: 'Disputed with the customer; accepted.',
      autoResolved: false,
    });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'reconciliation.resolve',
        subject: { kind: 'reconciliation_exception', id: String(chargeback.id) },
        note: 'Disputed with the customer; accepted.',
      }),
    ]);
    recon.reconcile();
    expect(recon.exceptions.get(chargeback.id)?.resolvedAt).not.toBeNull();
    expect(recon.exceptions.list({ kind: 'chargeback', state: 'open' })).toHaveLength(1);
    expect(recon.exceptions.list({ state: 'resolved' })).toHaveLength(1);
  });

  it('exceptions resolve themselves when later data arrives', async () => {
    const { recon, books, vipps, paynl, seeded, clock } = await setup();
    await recon.run();
    // The refund made at the provider is recorded in Kassa later.
    books.refund(seeded.ids.v1, 2_000, '2026-11-13');
    // The unknown SoftPOS payment is assigned to a Kassa payment (same reference).
    books.payment({
      provider: 'paynl',
      reference: 'SOFTPOS-9',
      minor: 990,
      currency: 'EUR',
      on: '2026-11-11',
      providerRef: 'order-zz',
    });
    // The missing settlements arrive in later provider data.
    vipps.report.add({
      entryType: 'capture',
      reference: 'KS-V4',
      amountMinor: 3_000,
      feeMinor: 52,
      currency: 'NOK',
      ledgerDate: '2026-11-20',
    });
    vipps.report.closeThrough('2026-11-20');
    paynl.clearings.add({
      type: 'PAYMENT',
      transactionId: 'order-p3',
      reference: 'KS-P3',
      amountMinor: 2_000,
      costsMinor: 25,
      currency: 'EUR',
      processedDate: '2026-11-11',
      clearingDate: '2026-11-19',
    });
    clock.set(new Date('2026-11-21T09:00:00.000Z'));
    await recon.run();
    const auto = recon.exceptions.list({ state: 'resolved' });
    expect(auto.map((e) => `${e.kind} ${e.provider}`).sort()).toEqual([
      'not_settled paynl',
      'not_settled vipps',
      'refund_not_in_kassa vipps',
      'unknown_settlement paynl',
    ]);
    expect(auto.every((e) => e.autoResolved && e.resolvedBy === 'system')).toBe(true);
    expect(summary(recon)).toEqual([
      'amount_differs vipps 12000/11900',
      'chargeback paynl -/-4500',
      'chargeback vipps -/-8000',
      'fee_out_of_range vipps 200/900',
      'unknown_settlement vipps -/7700',
    ]);
  });

  it('a corrected amount or fee at the provider closes its exception on the next import', async () => {
    const { recon, books, paynl, clock } = await setup();
    books.payment({
      provider: 'paynl',
      reference: 'KS-P9',
      minor: 3_000,
      currency: 'EUR',
      on: '2026-11-18',
      providerRef: 'order-p9',
    });
    books.payment({
      provider: 'paynl',
      reference: 'KS-P8',
      minor: 1_000,
      currency: 'EUR',
      on: '2026-11-18',
      providerRef: 'order-p8',
    });
    const add = (transactionId: string, reference: string, minor: number, costs: number) =>
      paynl.clearings.add({
        type: 'PAYMENT',
        transactionId,
        reference,
        amountMinor: minor,
        costsMinor: costs,
        currency: 'EUR',
        processedDate: '2026-11-18',
        clearingDate: '2026-11-19',
      });
    add('order-p9', 'KS-P9', 2_990, 30);
    add('order-p8', 'KS-P8', 1_000, 95);
    await recon.run();
    const open = () =>
      recon.exceptions
        .list({ provider: 'paynl' })
        .map((e) => `${e.kind} ${e.reference}`)
        .sort();
    expect(open()).toContain('amount_differs KS-P9');
    expect(open()).toContain('fee_out_of_range KS-P8');
    paynl.clearings.correct('order-p9', { amountMinor: 3_000 });
    paynl.clearings.correct('order-p8', { costsMinor: 12 });
    clock.set(new Date('2026-11-20T18:00:00.000Z'));
    await recon.run();
    expect(open()).not.toContain('amount_differs KS-P9');
    expect(open()).not.toContain('fee_out_of_range KS-P8');
    const closed = recon.exceptions.list({ state: 'resolved', provider: 'paynl' });
    expect(closed.map((e) => `${e.kind} ${e.reference} ${e.autoResolved}`).sort()).toEqual([
      'amount_differs KS-P9 true',
      'fee_out_of_range KS-P8 true',
    ]);
  });

  it('a manager can resolve every kind; each resolution is audited once', async () => {
    const { recon, audit, clock } = await setup();
    await recon.run();
    const open = recon.exceptions.list();
    expect(new Set(open.map((e) => e.kind)).size).toBe(6);
    for (const e of open) recon.exceptions.resolve(e.id, `checked ${e.kind}`, clock.now());
    expect(recon.exceptions.list()).toEqual([]);
    expect(audit.map((a) => a.note).sort()).toEqual(open.map((e) => `checked ${e.kind}`).sort());
    // Resolving again changes nothing and audits nothing.
    recon.exceptions.resolve(open[0]?.id ?? 0, 'again', clock.now());
    expect(audit).toHaveLength(open.length);
  });

  it('filters the list by kind, provider and day', async () => {
    const { recon } = await setup();
    await recon.run();
    expect(recon.exceptions.list({ provider: 'paynl' })).toHaveLength(3);
    expect(
      recon.exceptions
        .list({ from: '2026-11-13', to: '2026-11-13' })
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['chargeback', 'refund_not_in_kassa']);
  });
});
