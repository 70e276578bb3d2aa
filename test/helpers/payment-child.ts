import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type Cleanups, until } from './provider-harness';
import { startTestEngine } from './test-engine';

/**
 * Starts a payment in a child counter (`provider-crash-child.ts`) on `dataDir`, waits until
 * `condition` holds (the provider has the request, say), then SIGKILLs the child: a counter that
 * dies with the provider's answer still on its way.
 */
export async function killPaymentChildWhen(
  cleanups: Cleanups,
  child: { dataDir: string; env: Record<string, string>; terminal: string; phone?: string },
  condition: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/helpers/provider-crash-child.ts',
      child.dataDir,
      JSON.stringify(child.env),
      child.terminal,
      ...(child.phone ? [child.phone] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => void proc.kill('SIGKILL'));
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  for await (const line of lines) if (line.startsWith('{')) break;
  await until(condition, timeoutMs);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

/** The killed MobilePay counter started again on its data (Vipps polled every 25 ms, no automatic sync). */
export async function restartVippsCounter(cleanups: Cleanups, dataDir: string, env: Record<string, string>) {
  const counter = await startTestEngine({
    dataDir,
    env,
    autoSync: false,
    providerPollMs: { vipps: 25, vippsFirst: 25 },
  });
  cleanups.push(() => counter.close());
  return counter;
}
