import { createDemo } from '../demo';
import { createEngine } from '../electron/core/engine';
import { ms, percentile, timeAsync } from './stats';

/** Search latency through the whole API (schema parse + SQL) over 50,000 customers. */
export async function benchCustomerSearch(dir: string, customers = 50_000): Promise<void> {
  const seedStart = Date.now();
  const engine = createEngine({ dataDir: dir, demo: createDemo({ dataDir: dir, customers }), log: () => {} });
  console.log(
    `  (seeded ${customers} customers with their invoices in ${((Date.now() - seedStart) / 1000).toFixed(1)} s)`,
  );
  await engine.start();
  const queries = [
    'kwek',
    'de vries',
    'bloem',
    'aalsmeer',
    'van der',
    '1234',
    '100',
    '135',
    'zzz',
    '2026000123',
    '2026100000',
  ];
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const query of queries) samples.push(await timeAsync(() => engine.dispatch('customers.search', { query })));
  }
  console.log(
    `customer search over ${customers} customers (${samples.length} queries): p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}`,
  );
  await engine.close();
}
