import { describe, expect, it } from 'vitest';
import { generateDemoData, LARGE_ACCOUNT_NUMBER } from '../../../demo/books/demo-data';

describe('the demo back-office books', () => {
  const today = new Date(2026, 10, 22);
  const data = generateDemoData({ customers: 240, today });

  it('has at least 200 Dutch trade customers in EUR, each with a unique number', () => {
    expect(data.customers.length).toBeGreaterThanOrEqual(200);
    expect(new Set(data.customers.map((c) => c.number)).size).toBe(data.customers.length);
    expect(data.customers.every((c) => c.currency === 'EUR')).toBe(true);
    expect(data.customers.filter((c) => /^(Bloemenhandel|Kwekerij|Tuincentrum)/.test(c.name)).length).toBeGreaterThan(
      30,
    );
  });

  it('has one large account with 5,000 open invoices and most customers with 1–30 open', () => {
    const open = new Map<string, number>();
    for (const inv of data.invoices)
      if (inv.outstandingMinor > 0) open.set(inv.customerId, (open.get(inv.customerId) ?? 0) + 1);
    const large = data.customers.find((c) => c.number === LARGE_ACCOUNT_NUMBER);
    expect(open.get(large?.id ?? '')).toBe(5000);
    const others = data.customers.filter((c) => c.number !== LARGE_ACCOUNT_NUMBER).map((c) => open.get(c.id) ?? 0);
    expect(others.filter((n) => n >= 1 && n <= 30).length / others.length).toBeGreaterThan(0.8);
  });

  it('has partly paid, fully paid and overdue invoices', () => {
    const iso = '2026-11-22';
    expect(data.invoices.some((i) => i.outstandingMinor > 0 && i.outstandingMinor < i.amountMinor)).toBe(true);
    expect(data.invoices.some((i) => i.outstandingMinor === 0)).toBe(true);
    expect(data.invoices.some((i) => i.outstandingMinor > 0 && i.dueDate < iso)).toBe(true);
    expect(data.invoices.some((i) => i.outstandingMinor > 0 && i.dueDate >= iso)).toBe(true);
  });

  it('never uses the sandbox terminal’s test cents for an invoice', () => {
    for (const inv of data.invoices) {
      expect([5, 6, 7, 8, 9]).not.toContain(inv.amountMinor % 100);
      expect([5, 6, 7, 8, 9]).not.toContain(inv.outstandingMinor % 100);
    }
  });

  it('is the same on every machine', () => {
    expect(generateDemoData({ customers: 240, today })).toEqual(data);
  });
});
