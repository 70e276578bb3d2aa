import { afterEach, describe, expect, it } from 'vitest';
import { reportCsv } from '../../electron/core/reconciliation/report-csv';
import { renderReportPdf } from '../../electron/core/reconciliation/report-pdf';
import { SHOP_TIME_ZONE_KEY } from '../../electron/core/reconciliation/shop-day';
import { pdfText } from '../helpers/pdf-text';
import { LINE_NET, setupPayoutLedger } from '../helpers/reconciliation-payouts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A payout whose lines were booked on two days (po-20261111: KS-A's capture on 11-10, KS-B's capture
 * and KS-A's refund on 11-11). The provider states the whole payout's amount; each day's report shows
 * only that day's lines, yet compares the stated amount with the sum of ALL the payout's lines.
 */
describe('A payout spanning two booking days, in each day’s report', () => {
  it('agrees on either day: the stated amount is compared with the whole payout’s net, shown beside it', async () => {
    const { books, recon } = await setupPayoutLedger(cleanups);
    books.repos.settings.set(SHOP_TIME_ZONE_KEY, 'UTC');
    await recon.run();

    const dayNets = { '2026-11-10': 10_000 - 175, '2026-11-11': 20_000 - 350 - 1_000 };
    for (const [day, dayNet] of Object.entries(dayNets)) {
      const report = recon.reports.day(day);
      expect(report.payouts).toEqual([
        expect.objectContaining({
          payoutId: 'po-20261111',
          netMinor: dayNet,
          payoutNetMinor: LINE_NET,
          statedNetMinor: LINE_NET,
          aborted: false,
        }),
      ]);
      const csv = reportCsv(report);
      expect(csv.split('\r\n')[0]).toMatch(/,stated_net,payout_state,payout_net$/);
      expect(csv).toMatch(/\r\nvipps,,po-20261111,2026-11-12,,payout,[^\r\n]*,284\.75,agrees,284\.75\r\n/);
      expect(csv).not.toContain('differs');
      const pdf = await renderReportPdf({
        report,
        company: { name: 'Bloemen BV', address: 'Veiling 1', vat: 'NL0' },
        language: 'en',
        issuedAt: '2026-11-20T00:00:00.000Z',
      });
      const words = pdfText(pdf.toString('base64'));
      expect(words).not.toContain('differs');
      expect(words).toMatch(/Whole payout, all days: net NOK\s?284\.75/);
    }
    // The payout's own report holds all its lines: the same sums, and no extra line in the PDF needed.
    const whole = recon.reports.payout('po-20261111');
    expect(whole.payouts).toEqual([
      expect.objectContaining({ netMinor: LINE_NET, payoutNetMinor: LINE_NET, statedNetMinor: LINE_NET }),
    ]);
  });
});
