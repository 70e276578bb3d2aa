import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { benchCustomerSearch } from './customer-search';
import { benchDurableCommit } from './durable-commit';
import { benchEventToScreen } from './event-to-screen';
import { benchFlakyLine } from './flaky-line';
import { benchOpenLargeAccount } from './open-large-account';
import { benchReconciliation } from './reconciliation';
import { createReport, type Report } from './results';
import { benchStart } from './start-time';
import { benchSyncDrain } from './sync-drain';
import { benchSyncPull } from './sync-pull';

/**
 * `npm run bench [-- --json <path>] [--only commit,search,…]`: figures, not pass/fail, each next to
 * its raw baseline from the same run. Uses the disk under $TMPDIR (or BENCH_DIR).
 */
const BENCHES: Record<string, (dir: string, report: Report) => Promise<void> | void> = {
  commit: benchDurableCommit,
  search: benchCustomerSearch,
  open: benchOpenLargeAccount,
  drain: benchSyncDrain,
  flaky: benchFlakyLine,
  pull: benchSyncPull,
  start: benchStart,
  event: benchEventToScreen,
  recon: benchReconciliation,
};

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const jsonPath = resolve(option('--json') ?? join('bench', 'results.json'));
const only = option('--only')?.split(',') ?? Object.keys(BENCHES);
const base = process.env.BENCH_DIR ?? tmpdir();
const { report, figures } = createReport();
const dirs: string[] = [];

try {
  console.log(`Kassa benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('Shared or busy machines make absolute times noisy: read the ratios to the raw baselines.');
  for (const name of only) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown bench ${name}; one of ${Object.keys(BENCHES).join(', ')}`);
    const dir = mkdtempSync(join(base, `kassa-bench-${name}-`));
    dirs.push(dir);
    await bench(dir, report);
  }
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`,
  );
  console.log(`figures written to ${jsonPath}`);
}
