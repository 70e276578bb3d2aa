import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-engine';

/** `npm run web` twice at once on one machine: both build into one shared output, neither serves a half-built renderer. */
const running: { child: ChildProcess; dataDir: string }[] = [];
const cleanupFolders: string[] = [];
afterEach(async () => {
  for (const { child, dataDir } of running.splice(0)) {
    // start.mjs forwards SIGTERM to the host; the host's pid is in launch.json should it not.
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    const launch = join(dataDir, 'launch.json');
    if (existsSync(launch)) {
      const { pid } = JSON.parse(readFileSync(launch, 'utf8')) as { pid: number };
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
  for (const folder of cleanupFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function startWeb(out: string): { child: ChildProcess; dataDir: string } {
  const dataDir = tempDir();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--browser', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KASSA_WEB_OUT: out },
  });
  const started = { child, dataDir };
  running.push(started);
  return started;
}

async function address(child: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(line);
    if (match?.[1]) return match[1];
  }
  throw new Error(`start.mjs ended (exit ${child.exitCode}) without an address`);
}

/** Every build folder a server could use must be complete: stamped, with every asset its page names. */
function incompleteBuilds(out: string): string[] {
  if (!existsSync(out)) return [];
  const problems: string[] = [];
  for (const name of readdirSync(out)) {
    if (name.startsWith('.')) continue; // a private temporary folder, never served
    const renderer = join(out, name, 'dist', 'renderer');
    if (!existsSync(join(out, name, 'build-stamp.json'))) problems.push(`${name}: no stamp`);
    else if (!existsSync(join(out, name, 'electron', 'core', 'server', 'cli.mjs'))) problems.push(`${name}: no host`);
    else {
      const html = readFileSync(join(renderer, 'index.html'), 'utf8');
      for (const [, asset] of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) {
        if (asset && !existsSync(join(renderer, asset))) problems.push(`${name}: ${asset} missing`);
      }
    }
  }
  return problems;
}

async function pageAndAssets(base: string): Promise<number[]> {
  const html = await (await fetch(`${base}/`)).text();
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  return Promise.all(assets.map(async (asset) => (await fetch(`${base}/${asset}`)).status));
}

describe('two counters started at once (npm run web)', () => {
  it('build the renderer once between them and never serve a half-built one', async () => {
    // Inside the repository (out/ is ignored by git) so the host bundle finds node_modules as in use.
    const out = join('out', `web-test-${process.pid}-${Date.now()}`);
    cleanupFolders.push(out);
    const one = startWeb(out);
    const two = startWeb(out);
    const seen: string[] = [];
    const watch = setInterval(() => seen.push(...incompleteBuilds(out)), 5);
    try {
      const [a, b] = await Promise.all([address(one.child), address(two.child)]);
      expect(await pageAndAssets(a)).toEqual(expect.arrayContaining([200]));
      expect(new Set(await pageAndAssets(a))).toEqual(new Set([200]));
      expect(new Set(await pageAndAssets(b))).toEqual(new Set([200]));
    } finally {
      clearInterval(watch);
    }
    expect(seen).toEqual([]);
    // One finished build; the loser's private folder is gone.
    expect(readdirSync(out)).toHaveLength(1);

    // A third start with the same sources builds nothing.
    const three = startWeb(out);
    const output: string[] = [];
    three.child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await address(three.child);
    expect(output.join('')).not.toMatch(/Building/);
  }, 180_000);
});
