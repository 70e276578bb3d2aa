import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createReconciliationExceptions } from '../../electron/core/reconciliation/exceptions';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import type { PayoutTotalInput, SettlementRowInput } from '../../electron/core/settlement/settlement-row';
import { NOW, openBooks } from '../helpers/reconciliation-scenario';
import { tempDir } from '../helpers/test-engine';

const books = openBooks(tempDir('kassa-recon-prop-'));
afterAll(() => books.db.close());
const settlements = createSettlementRepository(books.db);
const exceptions = createReconciliationExceptions({ db: books.db, settings: books.repos.settings });

const CURRENCIES = ['EUR', 'NOK', 'JPY'] as const;
const line = fc.record({
  payout: fc.constantFrom('PO-1', 'PO-2', 'PO-3'),
  currency: fc.constantFrom(...CURRENCIES),
  type: fc.constantFrom('payment', 'refund', 'chargeback', 'fee', 'adjustment'),
  grossMinor: fc.integer({ min: -2_000_000, max: 2_000_000 }),
  feeMinor: fc.integer({ min: -500, max: 50_000 }),
  page: fc.integer({ min: 0, max: 3 }),
});

/** The payouts (per currency) whose stored stated total is not the sum of their lines' net right now. */
function differing(): string[] {
  return (
    books.db
      .prepare(
        `SELECT t.payout_id || ':' || t.currency AS k FROM settlement_payouts t
         WHERE t.net_minor != COALESCE((SELECT SUM(s.net_minor) FROM settlement_rows s WHERE s.provider = t.provider
           AND s.account = t.account AND s.payout_id = t.payout_id AND s.currency = t.currency), 0)`,
      )
      .all() as { k: string }[]
  )
    .map((r) => r.k)
    .sort();
}

type Line = typeof line extends fc.Arbitrary<infer T> ? T : never;

/** Stores the lines page by page with the stated totals on `totalsPage`, detecting after each page. */
function arrive(lines: readonly Line[], totalsPage: number): void {
  books.db.exec('DELETE FROM reconciliation_exceptions; DELETE FROM settlement_payouts; DELETE FROM settlement_rows;');
  const rows: (SettlementRowInput & { page: number })[] = lines.map((l, i) => ({
    provider: 'checkout',
    account: 'ent_1',
    rowKey: `r${i}`,
    type: l.type,
    payoutId: l.payout,
    settledOn: '2026-11-18',
    bookedAt: '2026-11-17T10:00:00.000Z',
    providerPaymentRef: null,
    ourReference: null,
    grossMinor: l.grossMinor,
    feeMinor: l.feeMinor,
    netMinor: l.grossMinor - l.feeMinor,
    currency: l.currency,
    page: l.page,
  }));
  // The provider states exactly what the lines add up to, per payout and currency.
  const stated = new Map<string, PayoutTotalInput>();
  for (const r of rows) {
    const key = `${r.payoutId}:${r.currency}`;
    const before = stated.get(key);
    stated.set(key, {
      provider: 'checkout',
      account: 'ent_1',
      payoutId: r.payoutId ?? '',
      settledOn: '2026-11-18',
      netMinor: (before?.netMinor ?? 0) + r.netMinor,
      currency: r.currency,
      aborted: false,
    });
  }
  for (let page = 0; page <= 3; page++) {
    const own = rows.filter((r) => r.page === page).map(({ page: _p, ...r }) => r);
    const totals = page === totalsPage ? [...stated.values()] : [];
    settlements.storePage(
      own,
      { provider: 'checkout', account: 'ent_1', cursor: String(page) },
      NOW.toISOString(),
      totals,
    );
    exceptions.detect(NOW);
    // At every step: an open exception exactly for the payouts whose sums disagree so far.
    const open = exceptions
      .list({ kind: 'payout_total_differs' })
      .map((e) => `${e.payoutId}:${e.currency}`)
      .sort();
    expect(open).toEqual(differing());
  }
  // Once everything has arrived the sums agree, and nothing is open.
  expect(differing()).toEqual([]);
  expect(exceptions.list({ kind: 'payout_total_differs' })).toEqual([]);
}

describe('Payout total check (property, real SQLite)', () => {
  it('never fires for a payout whose lines sum to its stated amount, however lines and totals arrive', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 3 }), arrive), {
      numRuns: 60,
    });
  });

  it('a payout that agrees half-way and differs again opens its exception again, and closes once all lines are in', () => {
    const l = (grossMinor: number, page: number): Line => ({
      payout: 'PO-1',
      currency: 'EUR',
      type: 'payment',
      grossMinor,
      feeMinor: 0,
      page,
    });
    // Stated 100: 60 (differs) → +40 (agrees) → +30 (differs again) → −30 (agrees).
    arrive([l(60, 0), l(40, 1), l(30, 2), l(-30, 3)], 0);
    expect(exceptions.list({ kind: 'payout_total_differs', state: 'resolved' })).toEqual([
      expect.objectContaining({ payoutId: 'PO-1', autoResolved: true }),
    ]);
  });
});
