import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openBackofficeStore } from '../backoffice/store';
import { generateDemoData } from '../demo/books/demo-data';
import { openDatabase } from '../electron/core/db/open-database';
import { createEngine } from '../electron/core/engine';
import { startChildBackoffice } from './child-backoffice';
import type { Report } from './results';

/** Pulling 50,000 customers and 200,000 invoices into an empty counter store. */
export async function benchSyncPull(
  dir: string,
  report: Report,
  customers = 50_000,
  invoices = 200_000,
): Promise<void> {
  const store = openBackofficeStore(join(dir, 'backoffice.sqlite'));
  const data = generateDemoData({ customers, today: new Date(), largeAccountInvoices: 0 });
  store.seed(data.customers, data.invoices.slice(0, invoices));
  store.close();
  const token = 'bench-token-123456';
  // The back-office runs in its own process, as it would on its own server: its CPU (queries, JSON)
  // is not the counter's and must not count against the pull figure.
  const server = await startChildBackoffice(join(dir, 'backoffice.sqlite'), 'C1', token);
  const engine = createEngine({
    dataDir: join(dir, 'counter'),
    demo: false,
    autoSync: false,
    backoffice: { url: server.url, stationId: 'C1', token },
    log: () => {},
  });
  const start = performance.now();
  await engine.start(); // recovery (nothing) + the first pull
  const seconds = (performance.now() - start) / 1000;
  const found = await engine.dispatch('customers.search', { query: data.customers.at(-1)?.number ?? '' });
  if (!found.ok || (found.value as unknown[]).length === 0) throw new Error('pull incomplete');
  const pulledInvoices = Math.min(invoices, data.invoices.length);
  const rows = data.customers.length + pulledInvoices;
  const raw = rawBulkInsert(join(dir, 'raw'), data.customers, data.invoices.slice(0, invoices));
  report('pull', {
    label: `pull ${data.customers.length} customers + ${pulledInvoices} invoices into an empty store (back-office in its own process)`,
    value: seconds,
    unit: 's',
    baseline: { label: 'raw bulk insert of the same rows, one transaction, same schema', value: raw, unit: 's' },
    ratio: seconds / raw,
    goal: '≤ 2× raw bulk insert',
    met: seconds / raw <= 2,
    detail: { rows_per_s: Math.round(rows / seconds) },
  });
  await engine.close();
  await server.close();
}

/** The same rows into the counter's own schema with two prepared INSERTs in one transaction. */
function rawBulkInsert(
  dir: string,
  customers: ReturnType<typeof generateDemoData>['customers'],
  invoices: ReturnType<typeof generateDemoData>['invoices'],
): number {
  mkdirSync(dir, { recursive: true });
  openDatabase(join(dir, 'kassa.sqlite')).close(); // migrated schema, WAL + FULL
  const db = new Database(join(dir, 'kassa.sqlite'));
  db.pragma('synchronous = FULL');
  const customer = db.prepare(
    'INSERT INTO customers (id, number, name, search_name, city, email, phone, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const invoice = db.prepare(
    `INSERT INTO invoices (id, number, customer_id, issue_date, due_date, amount_minor, outstanding_minor, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = performance.now();
  db.transaction(() => {
    for (const c of customers)
      customer.run(c.id, c.number, c.name, c.name.toLowerCase(), c.city, c.email, c.phone, c.currency);
    for (const i of invoices) {
      invoice.run(i.id, i.number, i.customerId, i.issueDate, i.dueDate, i.amountMinor, i.outstandingMinor, i.currency);
    }
  })();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return seconds;
}
