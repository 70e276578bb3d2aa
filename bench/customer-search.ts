import { createDemo } from '../demo';
import { createEngine } from '../electron/core/engine';
import type { Report } from './results';
import { percentile, timeAsync } from './stats';

/** Search latency through the whole API (schema parse + SQL) over 50,000 customers. */
export async function benchCustomerSearch(dir: string, report: Report, customers = 50_000): Promise<void> {
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
  const p99 = percentile(samples, 99);
  report('search', {
    label: `customer search over ${customers} customers, p99 (${samples.length} queries through the API)`,
    value: p99,
    unit: 'ms',
    goal: 'p99 < 5 ms',
    met: p99 < 5,
    detail: { p50_ms: percentile(samples, 50), max_ms: Math.max(...samples) },
  });
  await engine.close();
}
