import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportRow } from '../../../../electron/core/reconciliation/report';
import { decimal, reportCsv } from '../../../../electron/core/reconciliation/report-csv';

const row: fc.Arbitrary<ReportRow> = fc
  .record({
    provider: fc.constantFrom('paynl', 'vipps', 'checkout', 'paytrace'),
    account: fc.constantFrom('A1', 'A2'),
    type: fc.constantFrom('payment', 'refund', 'chargeback', 'fee', 'adjustment'),
    payoutId: fc.option(fc.constantFrom('PO-1', 'PO-2', 'PO-3'), { nil: null }),
    settledOn: fc.option(fc.constantFrom('2026-11-02', '2026-11-03'), { nil: null }),
    bookedOn: fc.constantFrom('2026-11-01', '2026-11-02'),
    grossMinor: fc.integer({ min: -5_000_000, max: 5_000_000 }),
    feeMinor: fc.integer({ min: 0, max: 100_000 }),
    currency: fc.constantFrom('EUR', 'NOK', 'USD', 'JPY'),
    tender: fc.constantFrom('card_terminal', 'mobile_request', 'unknown'),
    reference: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    paymentId: fc.option(fc.uuid(), { nil: null }),
    payoutAborted: fc.boolean(),
  })
  .map((r) => ({ ...r, netMinor: r.grossMinor - r.feeMinor }));

describe('Settlement report (properties)', () => {
  it('gross − fee = net on every line, payout and total', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const report = buildReport('day', '2026-11-01', rows);
        for (const line of [...report.lines, ...report.payouts, ...report.totals]) {
          expect(line.grossMinor - line.feeMinor).toBe(line.netMinor);
        }
      }),
    );
  });

  it('each payout’s sums and counts are those of its rows, and nothing mixes currencies', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const report = buildReport('payout', 'x', rows);
        for (const payout of report.payouts) {
          const own = rows.filter(
            (r) => r.provider === payout.provider && r.payoutId === payout.payoutId && r.currency === payout.currency,
          );
          expect(payout.grossMinor).toBe(own.reduce((s, r) => s + r.grossMinor, 0));
          expect(payout.feeMinor).toBe(own.reduce((s, r) => s + r.feeMinor, 0));
          expect(payout.matched + payout.unmatched).toBe(own.length);
          expect(payout.matched).toBe(own.filter((r) => r.paymentId).length);
        }
        for (const total of report.totals) {
          const own = rows.filter((r) => r.currency === total.currency);
          expect(total.netMinor).toBe(own.reduce((s, r) => s + r.netMinor, 0));
          const lines = report.lines.filter((l) => l.currency === total.currency);
          expect(lines.reduce((s, l) => s + l.grossMinor, 0)).toBe(total.grossMinor);
        }
        expect(report.rows).toHaveLength(rows.length);
      }),
    );
  });

  it('the CSV writes amounts in the currency’s own digits, one line per row, a total per currency and a line per payout', () => {
    expect(decimal(-12_345, 'EUR')).toBe('-123.45');
    expect(decimal(5, 'NOK')).toBe('0.05');
    expect(decimal(1_500, 'JPY')).toBe('1500');
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const report = buildReport('day', 'd', rows);
        const lines = reportCsv(report).trimEnd().split('\r\n');
        const paidOut = report.payouts.filter((p) => p.payoutId !== null);
        expect(lines).toHaveLength(1 + rows.length + report.totals.length + paidOut.length);
      }),
    );
  });

  it('a reference that looks like a formula is defused in the CSV', () => {
    const report = buildReport('day', 'd', [
      {
        provider: 'paynl',
        account: 'A',
        type: 'payment',
        payoutId: null,
        settledOn: null,
        bookedOn: '2026-11-01',
        grossMinor: 100,
        feeMinor: 1,
        netMinor: 99,
        currency: 'EUR',
        tender: 'unknown',
        reference: '=HYPERLINK("x")',
        paymentId: null,
        payoutAborted: false,
      },
    ]);
    expect(reportCsv(report)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
