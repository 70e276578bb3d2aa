import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Starts bench/backoffice-child.ts on an already seeded store file; resolves with its URL. */
export async function startChildBackoffice(
  storeFile: string,
  stationId: string,
  token: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const script = fileURLToPath(new URL('./backoffice-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, storeFile, stationId, token], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`back-office child exited (${code}) before it listened`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
