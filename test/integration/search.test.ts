import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t.close());

describe('finding the customer at the counter', () => {
  it('finds customers by part of the name, ignoring case and accents', async () => {
    const hits = await t.call('customers.search', { query: 'KWEKERIJ' });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.name.toLowerCase()).toContain('kwekerij');
  });

  it('finds a customer by number, exact match first', async () => {
    const hits = await t.call('customers.search', { query: '100001' });
    expect(hits[0]).toMatchObject({
      number: '100001',
      name: 'Groothandel Aalsmeer Flowers B.V.',
      openInvoiceCount: 5000,
    });
  });

  it('finds the customer of a scanned invoice number and names the invoice', async () => {
    const big = await t.call('invoices.open', { customerId: 'cust-100001' });
    const invoice = big[1234];
    if (!invoice) throw new Error('no invoice');
    const hits = await t.call('customers.search', { query: invoice.number });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: 'cust-100001', matchedInvoiceId: invoice.id });
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect(await t.call('customers.search', { query: '%' })).toEqual([]);
    expect(await t.call('customers.search', { query: '_' })).toEqual([]);
  });

  it('shows the customer card with totals and overdue amounts', async () => {
    const card = await t.call('customers.card', { customerId: 'cust-100001' });
    const invoices = await t.call('invoices.open', { customerId: 'cust-100001' });
    expect(card.outstandingMinor).toBe(invoices.reduce((s, i) => s + i.outstandingMinor, 0));
    expect(card.overdueMinor).toBe(invoices.filter((i) => i.overdue).reduce((s, i) => s + i.outstandingMinor, 0));
    expect(card.overdueMinor).toBeGreaterThan(0);
  });
});
