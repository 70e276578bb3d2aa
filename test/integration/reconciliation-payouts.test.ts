import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../electron/core/audit/audit-entry';
import { createReconciliation } from '../../electron/core/reconciliation/reconciliation-service';
import { reportCsv } from '../../electron/core/reconciliation/report-csv';
import { renderReportPdf } from '../../electron/core/reconciliation/report-pdf';
import { createSettlementRefs } from '../../electron/core/reconciliation/settlement-refs';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startVippsFake, type VippsFake } from '../../fakes/vipps/vipps-fake';
import { pdfText } from '../helpers/pdf-text';
import { fixedClock, openBooks, sourcesFor } from '../helpers/reconciliation-scenario';
import { tempDir } from '../helpers/test-engine';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A MobilePay ledger (Vipps fake over HTTP) with two captures and a refund on two ledger dates, paid
 * out on the second date (payout po-20261111), and Kassa's own records of those payments.
 */
async function setup() {
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(vipps.close);
  const books = openBooks(tempDir('kassa-recon-po-'));
  cleanups.push(() => books.db.close());
  const pay = (reference: string, minor: number, on: string) =>
    books.payment({ provider: 'vipps', reference, minor, currency: 'NOK', on });
  const ids = { a: pay('KS-A', 10_000, '2026-11-10'), b: pay('KS-B', 20_000, '2026-11-11') };
  const refund = books.refund(ids.a, 1_000, '2026-11-11');
  const add = (entryType: 'capture' | 'refund', reference: string, amountMinor: number, feeMinor: number, on: string) =>
    vipps.report.add({ entryType, reference, amountMinor, feeMinor, currency: 'NOK', ledgerDate: on });
  add('capture', 'KS-A', 10_000, 175, '2026-11-10');
  add('capture', 'KS-B', 20_000, 350, '2026-11-11');
  add('refund', 'KS-A', -1_000, 0, '2026-11-11');
  vipps.report.payoutOn('2026-11-11');
  const clock = fixedClock();
  const audit: AuditEntry[] = [];
  const refs = createSettlementRefs({ db: books.db, clock });
  const recon = createReconciliation({
    db: books.db,
    settlements: createSettlementRepository(books.db),
    sources: () => sourcesFor({ vipps }),
    clock,
    settings: books.repos.settings,
    audit: (entry) => audit.push(entry),
    options: { pageGapMs: 0 },
    onMatched: (paymentIds) => refs.enqueue(paymentIds),
  });
  return { vipps, books, ids, refund, recon, clock, audit };
}

const payoutsIn = (books: ReturnType<typeof openBooks>) =>
  books.db
    .prepare(
      'SELECT payout_id AS payoutId, net_minor AS netMinor, aborted, settled_on AS settledOn FROM settlement_payouts ORDER BY payout_id',
    )
    .all();
const lineNet = 10_000 - 175 + (20_000 - 350) - 1_000;

/** The newest settlement references the outbox holds for a payment. */
function lastRefs(books: ReturnType<typeof openBooks>, paymentId: string) {
  const row = books.db
    .prepare(
      "SELECT payload FROM outbox WHERE kind = 'settlement.refs' AND aggregate_id = ? ORDER BY rowid DESC LIMIT 1",
    )
    .get(paymentId) as { payload: string } | undefined;
  return row
    ? (JSON.parse(row.payload) as { settlements: { payoutId: string | null; settledOn: string | null }[] })
    : null;
}

describe('Payout totals (Vipps `scheduled-for-payout`)', () => {
  it('stores the stated payout amount with the page and shows it next to the summed net; no exception when they agree', async () => {
    const { books, recon } = await setup();
    await recon.run();
    // Vipps books the payout as −29 475 on the ledger; the shop receives +29 475.
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: lineNet, aborted: 0, settledOn: '2026-11-12' },
    ]);
    expect(recon.exceptions.list({ state: 'all' }).filter((e) => e.kind.startsWith('payout'))).toEqual([]);

    const report = recon.reports.payout('po-20261111');
    expect(report.payouts).toEqual([
      expect.objectContaining({ payoutId: 'po-20261111', netMinor: lineNet, statedNetMinor: lineNet, aborted: false }),
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
    expect(reportCsv(recon.reports.payout('po-20261112'))).toContain(',50.00,NOK,0/1,49.50,differs\r\n');
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

describe('Vipps payout-aborted', () => {
  async function abortedScenario() {
    const s = await setup();
    // The bank transfer of the 11-11 payout fails; Vipps returns its money to the ledger on 11-13.
    s.vipps.report.abortPayout('2026-11-11', '2026-11-13');
    s.vipps.report.closeThrough('2026-11-13');
    await s.recon.run();
    return s;
  }

  it('the fake serves a payout-aborted row the Report API schema accepts', async () => {
    const { vipps } = await abortedScenario();
    const page = await reportPage(vipps, '2026-11-13');
    expect(page.items).toEqual([
      expect.objectContaining({
        entryType: 'payout-aborted',
        amount: lineNet,
        currency: 'NOK',
        ledgerDate: '2026-11-13',
      }),
    ]);
  });

  it('marks the payout aborted: its lines are not paid out, the report says so, an exception stays open', async () => {
    const { books, recon, ids } = await abortedScenario();
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: lineNet, aborted: 1, settledOn: '2026-11-12' },
    ]);
    const [aborted, ...others] = recon.exceptions.list();
    expect(others).toEqual([]);
    expect(aborted).toMatchObject({
      kind: 'payout_aborted',
      provider: 'vipps',
      payoutId: 'po-20261111',
      reference: 'po-20261111',
      expectedMinor: lineNet,
      actualMinor: lineNet,
      currency: 'NOK',
    });
    const day = recon.reports.day('2026-11-10');
    expect(day.payouts).toEqual([
      expect.objectContaining({ payoutId: 'po-20261111', aborted: true, settledOn: null, statedNetMinor: lineNet }),
    ]);
    expect(day.rows.every((r) => r.payoutAborted && r.settledOn === null)).toBe(true);
    expect(reportCsv(day)).toMatch(/,payout,.*,aborted\r\n/);
    expect(recon.reports.payouts('2026-11-01', '2026-11-30')).toEqual([
      { provider: 'vipps', payoutId: 'po-20261111', settledOn: '2026-11-12', aborted: true },
    ]);
    // The back-office is not told the payment was paid out.
    expect(lastRefs(books, ids.a)?.settlements.map((s) => [s.payoutId, s.settledOn])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('a later payout carries the money: the lines move to it, the exception closes itself, the sums agree', async () => {
    const { vipps, books, recon, clock, ids } = await abortedScenario();
    vipps.report.add({
      entryType: 'capture',
      reference: 'KS-C',
      amountMinor: 5_000,
      feeMinor: 88,
      currency: 'NOK',
      ledgerDate: '2026-11-14',
    });
    books.payment({ provider: 'vipps', reference: 'KS-C', minor: 5_000, currency: 'NOK', on: '2026-11-14' });
    vipps.report.payoutOn('2026-11-14');
    vipps.report.closeThrough('2026-11-14');
    clock.set(new Date('2026-11-21T09:00:00.000Z'));
    await recon.run();
    const carried = lineNet + 5_000 - 88;
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: lineNet, aborted: 1, settledOn: '2026-11-12' },
      { payoutId: 'po-20261114', netMinor: carried, aborted: 0, settledOn: '2026-11-15' },
    ]);
    expect(recon.exceptions.list()).toEqual([]);
    expect(recon.exceptions.list({ state: 'resolved' })).toEqual([
      expect.objectContaining({ kind: 'payout_aborted', autoResolved: true, resolvedBy: 'system' }),
    ]);
    expect(recon.reports.payout('po-20261114').payouts).toEqual([
      expect.objectContaining({ netMinor: carried, statedNetMinor: carried, aborted: false, matched: 4 }),
    ]);
    // The aborted payout's own report still names it, with nothing left on it.
    expect(recon.reports.payout('po-20261111').payouts).toEqual([
      expect.objectContaining({ netMinor: 0, statedNetMinor: lineNet, aborted: true, settledOn: null }),
    ]);
    expect(lastRefs(books, ids.a)?.settlements.map((s) => [s.payoutId, s.settledOn])).toEqual([
      ['po-20261114', '2026-11-15'],
      ['po-20261114', '2026-11-15'],
    ]);
  });
});

/** One funds date as the fake serves it, checked against the Report API's shared 200 response schema. */
async function reportPage(vipps: VippsFake, date: string): Promise<{ items: { entryType: string }[] }> {
  const doc = yaml.load(readFileSync('test/fixtures/provider-specs/vipps-report-api-swagger.yaml', 'utf8')) as object;
  const token = (await (
    await fetch(`${vipps.url}/accesstoken/get`, {
      method: 'POST',
      headers: {
        client_id: vipps.credentials.clientId,
        client_secret: vipps.credentials.clientSecret,
        'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
      },
    })
  ).json()) as { access_token: string };
  const answer = await fetch(`${vipps.url}/report/v2/ledgers/302321/funds/dates/${date}`, {
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
    },
  });
  const body = await answer.json();
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'vipps');
  const validate = ajv.compile({ $ref: 'vipps#/components/responses/200/content/application~1json/schema' });
  expect(validate(body) ? [] : validate.errors).toEqual([]);
  return body as { items: { entryType: string }[] };
}
