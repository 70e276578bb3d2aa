import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Report } from './results';
import { percentile } from './stats';
import { webBuild } from './web-host';

/** Starts a command and resolves with the ms until it prints that the counter is ready. */
async function timeToReady(command: string, args: string[]): Promise<{ ms: number; child: ChildProcess }> {
  const start = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (/counter is ready/.test(line)) return { ms: performance.now() - start, child };
  }
  throw new Error(`${command} ${args.join(' ')} ended before the counter was ready`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/**
 * `npm run web` with packages installed and the build present → "the counter is ready", warm (the
 * data folder exists), next to the old way of running the host (TypeScript compiled at run time by
 * tsx), interleaved. Then browser mode's memory after opening the 5,000-invoice account.
 */
export async function benchStart(dir: string, report: Report, runs = 5): Promise<void> {
  webBuild();
  const dataDir = join(dir, 'data');
  const flags = ['--port', '0', '--data-dir', dataDir];
  await stop((await timeToReady(process.execPath, ['scripts/start.mjs', '--browser', ...flags])).child); // first run seeds the demo
  const now: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < runs; i++) {
    const subject = await timeToReady(process.execPath, ['scripts/start.mjs', '--browser', ...flags]);
    now.push(subject.ms);
    await stop(subject.child);
    const old = await timeToReady(process.execPath, ['--import', 'tsx', 'electron/core/server/cli.ts', ...flags]);
    tsx.push(old.ms);
    await stop(old.child);
  }
  const p50 = percentile(now, 50);
  report('start', {
    label: `npm run web (packages installed, build present, warm data) → counter ready, p50 of ${runs}`,
    value: p50,
    unit: 'ms',
    baseline: {
      label: 'the host alone through tsx (as before, without the vite build it also ran)',
      value: percentile(tsx, 50),
      unit: 'ms',
    },
    goal: '< 1,200 ms',
    met: p50 < 1_200,
    detail: { max_ms: Math.max(...now) },
  });

  // Memory: browser mode after opening the 5,000-invoice account a few times.
  const host = await timeToReady(process.execPath, [webBuild().host, ...flags]);
  const launch = JSON.parse(readFileSync(join(dataDir, 'launch.json'), 'utf8')) as {
    url: string;
    token: string;
    pid: number;
  };
  const base = launch.url.replace(/\/?#.*$/, '');
  const call = async (method: string, input: unknown) => {
    const response = await fetch(`${base}/api/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${launch.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    await response.arrayBuffer();
  };
  const idle = rssMb(launch.pid);
  for (let i = 0; i < 5; i++) {
    await call('customers.card', { customerId: 'cust-100001' });
    await call('invoices.open', { customerId: 'cust-100001' });
  }
  const rss = rssMb(launch.pid);
  report('memory', {
    label: 'browser mode RSS after opening the 5,000-invoice account (5x)',
    value: rss,
    unit: 'MB',
    goal: '< 200 MB',
    met: rss < 200,
    detail: { idle_after_start_mb: Math.round(idle) },
  });
  await stop(host.child);
}
