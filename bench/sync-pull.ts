import { join } from 'node:path';
import { startBackofficeServer } from '../backoffice/server';
import { openBackofficeStore } from '../backoffice/store';
import { generateDemoData } from '../demo/books/demo-data';
import { createEngine } from '../electron/core/engine';

/** Pulling 50,000 customers and 200,000 invoices into an empty counter store. */
export async function benchSyncPull(dir: string, customers = 50_000, invoices = 200_000): Promise<void> {
  const store = openBackofficeStore(join(dir, 'backoffice.sqlite'));
  const data = generateDemoData({ customers, today: new Date(), largeAccountInvoices: 0 });
  store.seed(data.customers, data.invoices.slice(0, invoices));
  const token = 'bench-token-123456';
  const server = await startBackofficeServer({ store, stations: { C1: token } });
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
  console.log(
    `pull ${data.customers.length} customers + ${pulledInvoices} invoices into an empty store: ${seconds.toFixed(1)} s (${((data.customers.length + pulledInvoices) / seconds).toFixed(0)} rows/s)`,
  );
  await engine.close();
  await server.close();
  store.close();
}
