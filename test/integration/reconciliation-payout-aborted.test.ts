import { afterEach, describe, expect, it } from 'vitest';
import { reportCsv } from '../../electron/core/reconciliation/report-csv';
import { LINE_NET, lastRefs, payoutsIn, reportPage, setupPayoutLedger } from '../helpers/reconciliation-payouts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const setup = () => setupPayoutLedger(cleanups);

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
        amount: LINE_NET,
        currency: 'NOK',
        ledgerDate: '2026-11-13',
      }),
    ]);
  });

  it('marks the payout aborted: its lines are not paid out, the report says so, an exception stays open', async () => {
    const { books, recon, ids } = await abortedScenario();
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: LINE_NET, aborted: 1, settledOn: '2026-11-12' },
    ]);
    const [aborted, ...others] = recon.exceptions.list();
    expect(others).toEqual([]);
    expect(aborted).toMatchObject({
      kind: 'payout_aborted',
      provider: 'vipps',
      payoutId: 'po-20261111',
      reference: 'po-20261111',
      expectedMinor: LINE_NET,
      actualMinor: LINE_NET,
      currency: 'NOK',
    });
    const day = recon.reports.day('2026-11-10');
    expect(day.payouts).toEqual([
      expect.objectContaining({ payoutId: 'po-20261111', aborted: true, settledOn: null, statedNetMinor: LINE_NET }),
    ]);
    expect(day.rows.every((r) => r.payoutAborted && r.settledOn === null)).toBe(true);
    expect(reportCsv(day)).toMatch(/,payout,.*,aborted,284\.75\r\n/);
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
    const carried = LINE_NET + 5_000 - 88;
    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: LINE_NET, aborted: 1, settledOn: '2026-11-12' },
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
      expect.objectContaining({ netMinor: 0, statedNetMinor: LINE_NET, aborted: true, settledOn: null }),
    ]);
    expect(lastRefs(books, ids.a)?.settlements.map((s) => [s.payoutId, s.settledOn])).toEqual([
      ['po-20261114', '2026-11-15'],
      ['po-20261114', '2026-11-15'],
    ]);
  });

  it('does not guess: an abort without the payout’s text whose amount two payouts share marks neither, and is logged', async () => {
    const { vipps, books, recon, logs } = await setup();
    // A second payout (11-12) of exactly the first one's amount.
    vipps.report.add({
      entryType: 'capture',
      reference: 'KS-D',
      amountMinor: LINE_NET,
      feeMinor: 0,
      currency: 'NOK',
      ledgerDate: '2026-11-12',
    });
    const d = books.payment({
      provider: 'vipps',
      reference: 'KS-D',
      minor: LINE_NET,
      currency: 'NOK',
      on: '2026-11-12',
    });
    vipps.report.payoutOn('2026-11-12');
    // The 11-11 payout fails, but the row returning its money names no bank-transfer text.
    vipps.report.abortPayout('2026-11-11', '2026-11-13', { reference: null });
    vipps.report.closeThrough('2026-11-13');
    await recon.run();

    expect(payoutsIn(books)).toEqual([
      { payoutId: 'po-20261111', netMinor: LINE_NET, aborted: 0, settledOn: '2026-11-12' },
      { payoutId: 'po-20261112', netMinor: LINE_NET, aborted: 0, settledOn: '2026-11-13' },
    ]);
    expect(recon.exceptions.list({ state: 'all' }).filter((e) => e.kind === 'payout_aborted')).toEqual([]);
    expect(logs).toEqual([
      expect.stringMatching(/payout-aborted pa-20261111 on 2026-11-13 .*no payout marked aborted/),
    ]);
    // The paid payout keeps its id in the back-office's settlement references.
    expect(lastRefs(books, d)?.settlements.map((s) => [s.payoutId, s.settledOn])).toEqual([
      ['po-20261112', '2026-11-13'],
    ]);
  });
});
