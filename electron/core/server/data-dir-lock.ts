import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Browser mode refuses to start a second engine on the same data folder: two engines would both
 * follow the same open payments. (Electron has its own single-instance lock.)
 * Returns the running instance's address, or null when the folder is free.
 */
export function runningInstance(dataDir: string): string | null {
  try {
    const launch = JSON.parse(readFileSync(join(dataDir, 'launch.json'), 'utf8')) as { pid?: number; url?: string };
    if (typeof launch.pid !== 'number' || launch.pid === process.pid) return null;
    process.kill(launch.pid, 0); // throws when no such process: a stale file from a killed run
    return launch.url ?? 'unknown address';
  } catch {
    return null;
  }
}
