import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../electron/core/db/open-database';
import { type CustomerRepository, createCustomerRepository } from '../../electron/core/repositories/customers';
import { createInvoiceRepository, type InvoiceRepository } from '../../electron/core/repositories/invoices';
import { createSettingsRepository, type SettingsRepository } from '../../electron/core/repositories/settings';
import type { BackofficeClient } from '../../electron/core/sync/backoffice-client';
import { CURSOR_KEYS, pullChanges } from '../../electron/core/sync/pull';
import { tempDir } from '../helpers/test-engine';

/** The pull asks for the next page before writing the current one; only committed cursors count. */
let db: Db;
let customers: CustomerRepository;
let invoices: InvoiceRepository;
let settings: SettingsRepository;
beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  customers = createCustomerRepository(db);
  invoices = createInvoiceRepository(db);
  settings = createSettingsRepository(db);
});
afterEach(() => db.close());

const customer = (n: number) => ({
  id: `c${n}`,
  number: String(100_000 + n),
  name: `Kwekerij Müller ${n}`,
  city: 'Lisse',
  email: null,
  phone: null,
  currency: 'EUR',
  ...(n % 2 ? { language: 'de' } : {}),
  seq: n,
});

/** A back-office of `total` customers and no invoices, pages of `size`; `failAt` fails that request. */
function fakeClient(total: number, size: number, failAt?: number) {
  const asked: string[] = [];
  const client = {
    async pullCustomers(after: string) {
      asked.push(after);
      if (asked.length === failAt) throw new Error('line dropped');
      const from = Number(after);
      const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => customer(from + i + 1));
      const next = String(from + items.length);
      return { items, nextCursor: next, hasMore: from + items.length < total };
    },
    async pullInvoices(after: string) {
      return { items: [], nextCursor: after, hasMore: false };
    },
  };
  return { client: client as unknown as BackofficeClient, asked };
}

const pull = (client: BackofficeClient) => pullChanges({ db, client, customers, invoices, settings, pageSize: 10 });

describe('pulling ahead', () => {
  it('writes every page once, in order, with the cursor of the last page', async () => {
    const { client, asked } = fakeClient(35, 10);
    expect(await pull(client)).toEqual({ customers: 35, invoices: 0 });
    expect(asked).toEqual(['0', '10', '20', '30']);
    expect(settings.get(CURSOR_KEYS.customers)).toBe('35');
    expect(customers.get('c35')?.name).toBe('Kwekerij Müller 35');
    expect(customers.get('c1')?.language).toBe('de');
    expect(customers.get('c2')?.language).toBeNull();
    expect(customers.search('muller 3').length).toBeGreaterThan(0);
  });

  it('keeps the pages written before a failed request and resumes after them', async () => {
    const failing = fakeClient(35, 10, 3);
    await expect(pull(failing.client)).rejects.toThrow('line dropped');
    // Page 2 was being written while page 3 was asked for: it is in, with its cursor.
    expect(settings.get(CURSOR_KEYS.customers)).toBe('20');
    expect(customers.get('c20')).toBeDefined();
    expect(customers.get('c21')).toBeUndefined();

    const healed = fakeClient(35, 10);
    expect(await pull(healed.client)).toEqual({ customers: 15, invoices: 0 });
    expect(healed.asked[0]).toBe('20');
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 35 });
  });

  it('a write that fails leaves the early requests unused and the cursor on the last committed page', async () => {
    const { client } = fakeClient(35, 10);
    const upsertPage = customers.upsertPage;
    let pages = 0;
    customers.upsertPage = (rows) => {
      pages += 1;
      if (pages === 2) throw new Error('disk full');
      upsertPage(rows);
    };
    await expect(pull(client)).rejects.toThrow('disk full');
    // Pages that arrived together are written in one transaction: the failed one took its batch back.
    const cursor = Number(settings.get(CURSOR_KEYS.customers) ?? '0');
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: cursor });
    expect(cursor).toBeLessThan(35);
    expect(customers.get(`c${cursor + 1}`)).toBeUndefined();

    customers.upsertPage = upsertPage;
    expect(await pull(fakeClient(35, 10).client)).toEqual({ customers: 35 - cursor, invoices: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 35 });
  });
});
