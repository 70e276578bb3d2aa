import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The browser-mode build for the current sources (scripts/web-build.mjs builds it if needed). */
export function webBuild(): { folder: string; renderer: string; host: string } {
  const result = spawnSync(process.execPath, ['scripts/web-build.mjs'], { encoding: 'utf8' });
  const folder = /(?:built|up to date:) (\S+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !folder) throw new Error(`web build failed: ${result.stderr}`);
  return {
    folder,
    renderer: join(folder, 'dist', 'renderer'),
    host: join(folder, 'electron', 'core', 'server', 'cli.mjs'),
  };
}
