import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
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
  const dir = mkdtempSync(join(tmpdir(), 'kassa-recon-'));
  const paynl = await startPayNlFake();
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(paynl.close, vipps.close);
  const books = openBooks(dir);
  cleanups.push(() => books.db.close());
  const seeded = seedScenario(books, { paynl, vipps });
  const clock = fixedClock();
  const make = (db = books.db) =>
    createReconciliation({
      db,
      settlements: createSettlementRepository(db),
      sources: () => sourcesFor({ paynl, vipps }),
      clock,
      options: { pageGapMs: 0 },
    });
  return { dir, paynl, vipps, books, seeded, clock, recon: make(), make };
}

const allRows = (db: ReturnType<typeof openDatabase>) =>
  db
    .prepare(
      `SELECT provider, account, row_key, type, payout_id, settled_on, booked_at, provider_payment_ref, our_reference,
         gross_minor, fee_minor, net_minor, currency, matched_payment_id, matched_refund_id
       FROM settlement_rows ORDER BY provider, row_key`,
    )
    .all();

describe('Settlement import', () => {
  it('imports both providers; importing again changes nothing (same rows, no changes counted)', async () => {
    const { recon, books } = await setup();
    const first = await recon.run();
    expect(first.accounts.map((a) => [a.provider, a.ok])).toEqual([
      ['paynl', true],
      ['vipps', true],
    ]);
    const rows = allRows(books.db);
    expect(rows.length).toBe(14);
    const second = await recon.run();
    expect(second.accounts.every((a) => a.ok && a.changed === 0)).toBe(true);
    expect(second.matched).toBe(0);
    expect(allRows(books.db)).toEqual(rows);
  });

  it('maps fees, the three-day Vipps payout and its bank day, and leaves a date without payout open', async () => {
    const { recon, books } = await setup();
    await recon.run();
    const v1 = books.db
      .prepare(
        "SELECT * FROM settlement_rows WHERE provider = 'vipps' AND our_reference = 'KS-V1' AND type = 'payment'",
      )
      .get() as Record<string, unknown>;
    expect(v1).toMatchObject({
      gross_minor: 10_000,
      fee_minor: 175,
      net_minor: 9_825,
      currency: 'NOK',
      payout_id: 'po-20261112',
      settled_on: '2026-11-13',
    });
    const payout = books.db
      .prepare(
        "SELECT DISTINCT substr(booked_at, 1, 10) AS day FROM settlement_rows WHERE payout_id = 'po-20261112' ORDER BY day",
      )
      .all();
    expect(payout).toEqual([{ day: '2026-11-10' }, { day: '2026-11-11' }, { day: '2026-11-12' }]);
    const open = books.db
      .prepare("SELECT count(*) AS n FROM settlement_rows WHERE provider = 'vipps' AND payout_id IS NULL")
      .get() as { n: number };
    expect(open.n).toBe(2);
  });

  it('a later payout fills in the payout id of dates read before it', async () => {
    const { recon, books, vipps, clock } = await setup();
    await recon.run();
    vipps.report.payoutOn('2026-11-20');
    vipps.report.closeThrough('2026-11-20');
    clock.set(new Date('2026-11-21T12:00:00.000Z'));
    await recon.run();
    const open = books.db
      .prepare(
        "SELECT payout_id AS payoutId, settled_on AS settledOn FROM settlement_rows WHERE provider = 'vipps' AND substr(booked_at, 1, 10) = '2026-11-13'",
      )
      .all();
    expect(open).toEqual([
      { payoutId: 'po-20261120', settledOn: '2026-11-21' },
      { payoutId: 'po-20261120', settledOn: '2026-11-21' },
    ]);
  });

  it('after a restart the import goes on from the stored cursor, not from the window start', async () => {
    const { recon, books, vipps, dir, make } = await setup();
    await recon.run();
    books.db.close();
    const db = openDatabase(join(dir, 'kassa.sqlite'));
    cleanups.push(() => db.close());
    const seenBefore = vipps.seen.length;
    await make(db).run();
    const dates = vipps.seen
      .slice(seenBefore)
      .map((r) => r.path.match(/funds\/dates\/(.+)$/)?.[1])
      .filter(Boolean);
    // Only the date not closed yet is asked again (the first run read 2026-10-16 … 2026-11-19).
    expect(dates).toEqual(['2026-11-20']);
  });

  it('one provider failing does not stop the other; its last error is shown until it succeeds', async () => {
    const { recon, vipps } = await setup();
    vipps.failNext(/settlement\/v1\/ledgers/, '500');
    const result = await recon.run();
    expect(result.accounts.find((a) => a.provider === 'paynl')?.ok).toBe(true);
    expect(result.accounts.find((a) => a.provider === 'vipps')?.ok).toBe(false);
    const failed = recon.status().accounts.find((a) => a.provider === 'vipps');
    expect(failed?.lastError).toMatch(/500/);
    expect(recon.status().accounts.find((a) => a.provider === 'paynl')?.rows).toBe(5);
    await recon.run();
    expect(recon.status().accounts.find((a) => a.provider === 'vipps')?.lastError).toBeNull();
  });
});
