import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocatableInvoice, allocate, byOldestDue } from '../../../shared/allocation/allocate';

const inv = (id: string, dueDate: string, outstandingMinor: number): AllocatableInvoice => ({
  id,
  number: id.toUpperCase(),
  dueDate,
  issueDate: '2026-01-01',
  outstandingMinor,
});

describe('allocate: a payment split over invoices', () => {
  const a = inv('a', '2026-03-01', 10_000);
  const b = inv('b', '2026-01-15', 5_000);
  const c = inv('c', '2026-02-01', 2_500);

  it('pays the oldest due invoice first and says what each still owes', () => {
    const result = allocate([a, b, c], 6_000);
    expect(result).toEqual({
      ok: true,
      lines: [
        { invoiceId: 'b', invoiceNumber: 'B', amountMinor: 5_000, remainingMinor: 0 },
        { invoiceId: 'c', invoiceNumber: 'C', amountMinor: 1_000, remainingMinor: 1_500 },
      ],
    });
  });

  it('puts the cashier’s fixed amounts first and the rest oldest-first', () => {
    const result = allocate([a, b, c], 6_000, { a: 4_000 });
    expect(result.ok && result.lines.map((l) => [l.invoiceId, l.amountMinor])).toEqual([
      ['b', 2_000],
      ['a', 4_000],
    ]);
  });

  it.each([
    [0, {}, 'amount_not_positive'],
    [-100, {}, 'amount_not_positive'],
    [17_501, {}, 'amount_exceeds_outstanding'],
    [6_000, { a: 10_001 }, 'split_exceeds_invoice'],
    [6_000, { a: 7_000 }, 'split_does_not_match_amount'],
    [6_000, { z: 1 }, 'split_unknown_invoice'],
    [6_000, { a: -1 }, 'split_negative'],
  ] as const)('refuses %i with split %j: %s', (amount, split, code) => {
    const result = allocate([a, b, c], amount, split);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('refuses an invoice that is already paid, and an empty selection', () => {
    const paid = allocate([a, inv('p', '2026-01-01', 0)], 100);
    expect(!paid.ok && paid.error).toEqual({ code: 'invoice_already_paid', invoiceNumber: 'P' });
    expect(allocate([], 100)).toEqual({ ok: false, error: { code: 'no_invoices' } });
  });

  it('refuses fixed amounts that leave money with nowhere to go', () => {
    const result = allocate([a, b], 12_000, { b: 1_000 });
    expect(!result.ok && result.error.code).toBe('split_does_not_match_amount');
  });

  const invoicesArb = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        due: fc.integer({ min: 0, max: 400 }),
        outstandingMinor: fc.integer({ min: 1, max: 5_000_000 }),
      }),
      { selector: (r) => r.id, minLength: 1, maxLength: 40 },
    )
    .map((rows) =>
      rows.map((r) => ({
        id: r.id,
        number: r.id,
        issueDate: '2026-01-01',
        dueDate: new Date(Date.UTC(2026, 0, 1 + r.due)).toISOString().slice(0, 10),
        outstandingMinor: r.outstandingMinor,
      })),
    );

  const caseArb = invoicesArb.chain((invoices) => {
    const total = invoices.reduce((s, i) => s + i.outstandingMinor, 0);
    return fc.tuple(fc.constant(invoices), fc.integer({ min: 1, max: total }));
  });

  it('allocates exactly the amount paid, never more than an invoice owes (property)', () => {
    fc.assert(
      fc.property(caseArb, ([invoices, amount]) => {
        const result = allocate(invoices, amount);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(amount);
        for (const line of result.lines) {
          const source = invoices.find((i) => i.id === line.invoiceId);
          expect(line.amountMinor).toBeGreaterThan(0);
          expect(line.amountMinor).toBeLessThanOrEqual(source?.outstandingMinor ?? 0);
          expect(line.remainingMinor).toBe((source?.outstandingMinor ?? 0) - line.amountMinor);
        }
      }),
    );
  });

  it('gives the same answer whatever order the invoices arrive in (property)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer(), ([invoices, amount], seed) => {
        const shuffled = [...invoices].sort(
          (x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7),
        );
        expect(allocate(shuffled, amount)).toEqual(allocate(invoices, amount));
      }),
    );
  });

  it('leaves no newer invoice paid while an older one still owes (property)', () => {
    fc.assert(
      fc.property(caseArb, ([invoices, amount]) => {
        const result = allocate(invoices, amount);
        if (!result.ok) return;
        const paid = new Map(result.lines.map((l) => [l.invoiceId, l.amountMinor]));
        const ordered = [...invoices].sort(byOldestDue);
        const partlyOrUnpaid = ordered.findIndex((i) => (paid.get(i.id) ?? 0) < i.outstandingMinor);
        if (partlyOrUnpaid < 0) return;
        for (const later of ordered.slice(partlyOrUnpaid + 1)) expect(paid.get(later.id) ?? 0).toBe(0);
      }),
    );
  });

  it('refuses any amount above the total outstanding (property)', () => {
    fc.assert(
      fc.property(invoicesArb, fc.integer({ min: 1, max: 1_000_000 }), (invoices, extra) => {
        const total = invoices.reduce((s, i) => s + i.outstandingMinor, 0);
        const result = allocate(invoices, total + extra);
        expect(!result.ok && result.error).toEqual({ code: 'amount_exceeds_outstanding', outstandingMinor: total });
      }),
    );
  });
});
