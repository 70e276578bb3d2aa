import { afterEach, describe, expect, it } from 'vitest';
import { createReconciliation } from '../../electron/core/reconciliation/reconciliation-service';
import { reportCsv } from '../../electron/core/reconciliation/report-csv';
import { renderReportPdf } from '../../electron/core/reconciliation/report-pdf';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { pdfText } from '../helpers/pdf-text';
import { LINE_NET, payoutsIn, setupPayoutLedger } from '../helpers/reconciliation-payouts';
import { fixedClock, openBooks, sourcesFor } from '../helpers/reconciliation-scenario';
import { tempDir } from '../helpers/test-engine';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const setup = () => setupPayoutLedger(cleanups);

describe('Payout totals (Vipps `scheduled-for-payout`)', () => {
  it('stores the stated payout amount with the page and shows it next to the summed net; no exception when they agree', async () => {
    const { books, recon } = await setup();
    await recon.run();
    // Vipps books the payout as −29 475 on the ledger; the shop receives +29 475.
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: LINE_NET, aborted: 0, settledOn: '2026-11-12' },
    ]);
    expect(recon.exceptions.list({ state: 'all' }).filter((e) => e.kind.startsWith('payout'))).toEqual([]);

    const report = recon.reports.payout('po-20261111');
    expect(report.payouts).toEqual([
      expect.objectContaining({
        payoutId: 'po-20261111',
        netMinor: LINE_NET,
        statedNetMinor: LINE_NET,
        aborted: false,
      }),
    ]);
    expect(reportCsv(report)).toContain(
      `vipps,,po-20261111,2026-11-12,,payout,,,,290.00,5.25,284.75,NOK,3/3,284.75,agrees`,
    );
    const pdf = await renderReportPdf({
      report,
      company: { name: 'Bloemen BV', address: 'Veiling 1', vat: 'NL0' },
      language: 'en',
      issuedAt: '2026-11-20T00:00:00.000Z',
    });
    expect(pdfText(pdf.toString('base64'))).toMatch(
      /Stated[\s\S]*po-20261111\s+vipps 2026-11-12\s+NOK\s?290\.00\s+NOK\s?5\.25\s+NOK\s?284\.75\s+NOK\s?284\.75/,
    );
  });

  it('the payout total, its lines and the cursor commit together: a failing insert rolls all three back', async () => {
    const { books, vipps } = await setup();
    const settlements = createSettlementRepository(books.db);
    const [source] = sourcesFor({ vipps });
    if (!source) throw new Error('no source');
    const at = '2026-11-20T12:00:00.000Z';
    const account = source.source.account;
    const first = await source.source.fetch({ from: '2026-11-10', to: '2026-11-11', cursor: null });
    settlements.storePage(first.rows, { provider: 'vipps', account, cursor: first.cursor }, at, first.payoutTotals);
    // The next page is the payout date: its lines (11-10's again, now with the payout id), the total, the cursor.
    const page = await source.source.fetch({ from: '2026-11-10', to: '2026-11-11', cursor: first.cursor });
    expect(page.payoutTotals).toHaveLength(1);
    const state = () => [
      books.db.prepare('SELECT count(*) AS n, count(payout_id) AS paid FROM settlement_rows').get(),
      books.db.prepare('SELECT count(*) AS n FROM settlement_payouts').get(),
      settlements.cursor('vipps', account),
    ];
    const before = state();
    expect(before).toEqual([{ n: 1, paid: 0 }, { n: 0 }, first.cursor]);
    const next = { provider: 'vipps', account, cursor: page.cursor };
    const broken = [
      ...page.rows,
      { ...(page.rows[0] as (typeof page.rows)[number]), rowKey: 'bad', currency: 'X' as 'EUR' },
    ];
    expect(() => settlements.storePage(broken, next, at, page.payoutTotals)).toThrow();
    expect(state()).toEqual(before);
    // A payout total that breaks a rule (a currency of four letters) rolls back the good rows too.
    const badTotal = [
      { ...(page.payoutTotals?.[0] as NonNullable<typeof page.payoutTotals>[number]), currency: 'NOKK' as 'NOK' },
    ];
    expect(() => settlements.storePage(page.rows, next, at, badTotal)).toThrow();
    expect(state()).toEqual(before);
    settlements.storePage(page.rows, next, at, page.payoutTotals);
    expect(state()).toEqual([{ n: 3, paid: 3 }, { n: 1 }, page.cursor]);
  });
});

describe('A first import that begins in the middle of a payout period', () => {
  it('gives that payout no total (its first lines were never read), and checks the next payout', async () => {
    const { vipps, books, clock } = await setup();
    vipps.report.add({
      entryType: 'capture',
      reference: 'KS-D',
      amountMinor: 3_000,
      feeMinor: 53,
      currency: 'NOK',
      ledgerDate: '2026-11-13',
    });
    vipps.report.payoutOn('2026-11-13');
    vipps.report.closeThrough('2026-11-13');
    // The window starts on 11-11: 11-10's capture (part of payout po-20261111) lies before it.
    clock.set(new Date('2026-11-14T12:00:00.000Z'));
    const recon = createReconciliation({
      db: books.db,
      settlements: createSettlementRepository(books.db),
      sources: () => sourcesFor({ vipps }),
      clock,
      settings: books.repos.settings,
      options: { pageGapMs: 0, initialDays: 3 },
    });
    await recon.run();
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261113', netMinor: 2_947, aborted: 0, settledOn: '2026-11-14' },
    ]);
    expect(recon.reports.payout('po-20261111').payouts).toEqual([
      expect.objectContaining({ netMinor: 20_000 - 350 - 1_000, statedNetMinor: null }),
    ]);
    expect(recon.exceptions.list({ state: 'all' }).filter((e) => e.kind.startsWith('payout'))).toEqual([]);
  });
});

describe('Payout total differs', () => {
  it('raises payout_total_differs when the lines do not add up to the stated payout; a manager resolves it, audited', async () => {
    const { vipps, recon, audit, clock } = await setup();
    // Vipps kept a fee on 11-12's capture but its fees topic has no capture-fee row: the lines say 50 more.
    vipps.report.add({
      entryType: 'capture',
      reference: 'OUTSIDE-5',
      amountMinor: 5_000,
      feeMinor: 50,
      currency: 'NOK',
      ledgerDate: '2026-11-12',
      feeOnlyInFunds: true,
    });
    vipps.report.payoutOn('2026-11-12');
    await recon.run();
    const differs = recon.exceptions.list({ kind: 'payout_total_differs' });
    expect(differs).toEqual([
      expect.objectContaining({
        provider: 'vipps',
        subject: 'payout:123456:po-20261112:NOK',
        payoutId: 'po-20261112',
        expectedMinor: 4_950,
        actualMinor: 5_000,
        occurredOn: '2026-11-13',
      }),
    ]);
    expect(recon.reports.payout('po-20261112').payouts).toEqual([
      expect.objectContaining({ netMinor: 5_000, statedNetMinor: 4_950 }),
    ]);
    expect(reportCsv(recon.reports.payout('po-20261112'))).toContain(',50.00,NOK,0/1,49.50,differs,50.00\r\n');
    const id = differs[0]?.id ?? 0;
    recon.exceptions.resolve(id, 'Fee invoice checked: 0.50 kept by Vipps.', clock.now());
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'reconciliation.resolve',
        subject: { kind: 'reconciliation_exception', id: String(id) },
        before: expect.objectContaining({ kind: 'payout_total_differs' }),
      }),
    ]);
    expect((await recon.run()).exceptionsAdded).toBe(0);
    expect(recon.exceptions.list({ kind: 'payout_total_differs' })).toEqual([]);
  });

  it('resolves itself when later lines make the sums agree (a total that comes before its lines)', async () => {
    const books = openBooks(tempDir('kassa-recon-po-'));
    cleanups.push(() => books.db.close());
    const clock = fixedClock();
    const line = (rowKey: string, grossMinor: number, feeMinor: number) => ({
      provider: 'checkout',
      account: 'ent_1',
      rowKey,
      type: 'payment' as const,
      payoutId: 'PO-7',
      settledOn: '2026-11-18',
      bookedAt: '2026-11-17T10:00:00.000Z',
      providerPaymentRef: `pay_${rowKey}`,
      ourReference: null,
      grossMinor,
      feeMinor,
      netMinor: grossMinor - feeMinor,
      currency: 'EUR' as const,
    });
    const total = {
      provider: 'checkout',
      account: 'ent_1',
      payoutId: 'PO-7',
      settledOn: '2026-11-18',
      currency: 'EUR' as const,
      aborted: false,
    };
    // First the payouts report (the whole payout), then the lines in two imports.
    const pages = [
      { rows: [line('a', 1_000, 20)], payoutTotals: [{ ...total, netMinor: 2_950 }] },
      { rows: [line('b', 2_000, 30)], payoutTotals: [] },
    ];
    let next = 0;
    const recon = createReconciliation({
      db: books.db,
      settlements: createSettlementRepository(books.db),
      sources: () => [
        {
          provider: 'checkout',
          source: {
            account: 'ent_1',
            fetch: async () => ({
              ...(pages[next] ?? { rows: [], payoutTotals: [] }),
              cursor: String(next),
              more: false,
            }),
          },
        },
      ],
      clock,
      settings: books.repos.settings,
      options: { pageGapMs: 0 },
    });
    await recon.run();
    expect(recon.exceptions.list({ kind: 'payout_total_differs' })).toEqual([
      expect.objectContaining({ kind: 'payout_total_differs', expectedMinor: 2_950, actualMinor: 980 }),
    ]);
    next = 1;
    await recon.run();
    expect(recon.exceptions.list({ kind: 'payout_total_differs' })).toEqual([]);
    expect(recon.exceptions.list({ state: 'resolved', kind: 'payout_total_differs' })).toEqual([
      expect.objectContaining({ autoResolved: true, resolvedBy: 'system', actualMinor: 980 }),
    ]);
  });
});
