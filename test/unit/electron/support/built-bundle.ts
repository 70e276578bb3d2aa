import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../..');
export const MAIN_BUNDLE = join(ROOT, 'out/main/index.cjs');
export const CORE_BUNDLE = join(ROOT, 'out/main/core.cjs');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const isStale = () =>
  !existsSync(MAIN_BUNDLE) ||
  !existsSync(CORE_BUNDLE) ||
  statSync(MAIN_BUNDLE).mtimeMs < newestSource(join(ROOT, 'electron')) ||
  statSync(MAIN_BUNDLE).mtimeMs < newestSource(join(ROOT, 'shared'));

/**
 * The electron-vite bundles, rebuilt when missing or older than electron/ or shared/ (CI builds them
 * first). Test files run in parallel processes: one builds (mkdir is the lock), the others wait.
 */
export function builtBundles(): { main: string; core: string } {
  const lock = join(tmpdir(), `kassa-electron-vite-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  while (isStale()) {
    try {
      mkdirSync(lock);
    } catch {
      execFileSync('sleep', ['0.5']);
      continue;
    }
    try {
      if (isStale())
        execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return { main: readFileSync(MAIN_BUNDLE, 'utf8'), core: readFileSync(CORE_BUNDLE, 'utf8') };
}
