import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { invoiceFromRow } from '../../shared/api/schemas';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

let t: TestEngine | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('invoices.openRows (the invoice table’s compact rows)', () => {
  it('carries exactly the open invoices of invoices.open, in the same order, and passes the contract', async () => {
    t = await startTestEngine({ autoSync: false });
    // The demo's large account: thousands of open invoices, some overdue and some not.
    for (const customerId of ['cust-100001', 'cust-100002']) {
      const full = await t.call('invoices.open', { customerId });
      const rows = await t.call('invoices.openRows', { customerId });
      expect(full.length).toBeGreaterThan(0);
      expect(rows.map(invoiceFromRow)).toEqual(full);
      expect(contract['invoices.openRows'].output.safeParse(rows).success).toBe(true);
      expect(new Set(rows.map((row) => typeof row[7]))).toEqual(new Set(['boolean']));
    }
  });

  it('refuses an input the contract refuses, before any handler runs', async () => {
    t = await startTestEngine({ autoSync: false });
    const answer = await t.engine.dispatch('invoices.openRows', { customerId: 'cust-100002', extra: 1 });
    expect(answer.ok).toBe(false);
  });
});
