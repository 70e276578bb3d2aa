import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCustomerSearch } from './customer-search';
import { benchDurableCommit } from './durable-commit';
import { benchOpenLargeAccount } from './open-large-account';
import { benchSyncDrain } from './sync-drain';
import { benchSyncPull } from './sync-pull';

/** `npm run bench`: figures, not pass/fail. Uses the disk under $TMPDIR (or BENCH_DIR). */
const base = process.env.BENCH_DIR ?? tmpdir();
const fresh = (name: string) => mkdtempSync(join(base, `kassa-bench-${name}-`));
const dirs: string[] = [];

try {
  console.log(`Kassa benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  const commitDir = fresh('commit');
  dirs.push(commitDir);
  benchDurableCommit(commitDir);
  const openDir = fresh('open');
  dirs.push(openDir);
  await benchOpenLargeAccount(openDir);
  const searchDir = fresh('search');
  dirs.push(searchDir);
  await benchCustomerSearch(searchDir);
  const drainDir = fresh('drain');
  dirs.push(drainDir);
  await benchSyncDrain(drainDir);
  const pullDir = fresh('pull');
  dirs.push(pullDir);
  await benchSyncPull(pullDir);
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
