import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** The electron-vite bundles, rebuilt when missing or older than electron/ (CI builds them first). */
export function builtBundles(): { main: string; core: string } {
  const stale =
    !existsSync(MAIN_BUNDLE) ||
    !existsSync(CORE_BUNDLE) ||
    statSync(MAIN_BUNDLE).mtimeMs < newestSource(join(ROOT, 'electron')) ||
    statSync(MAIN_BUNDLE).mtimeMs < newestSource(join(ROOT, 'shared'));
  if (stale) execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  return { main: readFileSync(MAIN_BUNDLE, 'utf8'), core: readFileSync(CORE_BUNDLE, 'utf8') };
}
