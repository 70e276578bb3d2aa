import { afterEach, describe, expect, it } from 'vitest';
import { createReconciliation } from '../../electron/core/reconciliation/reconciliation-service';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { fixedClock, openBooks, sourcesFor } from '../helpers/reconciliation-scenario';
import { tempDir } from '../helpers/test-engine';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A Dutch shop's MobilePay payment at 00:30 local time on 15 January: Vipps books it at 23:30Z on the 14th. */
async function setup(timeZone: string | null) {
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(vipps.close);
  const books = openBooks(tempDir('kassa-recon-tz-'));
  cleanups.push(() => books.db.close());
  if (timeZone) books.repos.settings.set('shop.timeZone', timeZone);
  vipps.report.add({
    entryType: 'capture',
    reference: 'NIGHT-1',
    amountMinor: 4_200,
    feeMinor: 74,
    currency: 'EUR',
    ledgerDate: '2026-01-15',
    time: '2026-01-14T23:30:00.000000Z',
  });
  vipps.report.add({
    entryType: 'capture',
    reference: 'EVENING-1',
    amountMinor: 1_000,
    feeMinor: 18,
    currency: 'EUR',
    ledgerDate: '2026-01-14',
    time: '2026-01-14T22:30:00.000000Z',
  });
  const recon = createReconciliation({
    db: books.db,
    settlements: createSettlementRepository(books.db),
    sources: () => sourcesFor({ vipps }),
    clock: fixedClock(new Date('2026-01-20T12:00:00.000Z')),
    settings: books.repos.settings,
    options: { pageGapMs: 0 },
  });
  await recon.run();
  return recon;
}

const refs = (report: { rows: readonly { reference: string | null; bookedOn: string }[] }) =>
  report.rows.map((r) => `${r.reference} ${r.bookedOn}`);

describe("The day report goes by the shop's time zone", () => {
  it('Europe/Amsterdam: the payment booked at 23:30Z in winter is on the next local day, the 22:30Z one stays', async () => {
    const recon = await setup('Europe/Amsterdam');
    const the15th = recon.reports.day('2026-01-15');
    expect(the15th.timeZone).toBe('Europe/Amsterdam');
    expect(refs(the15th)).toEqual(['NIGHT-1 2026-01-15']);
    expect(the15th.totals).toEqual([
      { currency: 'EUR', grossMinor: 4_200, feeMinor: 74, netMinor: 4_126, matched: 0, unmatched: 1 },
    ]);
    expect(refs(recon.reports.day('2026-01-14'))).toEqual(['EVENING-1 2026-01-14']);
    // The exceptions list uses the same day.
    const days = recon.exceptions.list({ kind: 'unknown_settlement' }).map((e) => `${e.reference} ${e.occurredOn}`);
    expect(days.sort()).toEqual(['EVENING-1 2026-01-14', 'NIGHT-1 2026-01-15']);
  });

  it('a shop in UTC sees both on the 14th (the provider’s booking day)', async () => {
    const recon = await setup('UTC');
    expect(refs(recon.reports.day('2026-01-14'))).toEqual(['EVENING-1 2026-01-14', 'NIGHT-1 2026-01-14']);
    expect(recon.reports.day('2026-01-15').rows).toEqual([]);
  });
});
