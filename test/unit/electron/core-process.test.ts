import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoreMessage, MainToCoreMessage } from '../../../shared/host/core-protocol';
import { builtBundles, CORE_BUNDLE } from './support/built-bundle';

beforeAll(() => {
  builtBundles();
}, 120_000);

/** The real core bundle in a real process, talking over a port as Electron's utilityProcess does. */
function startCore(dataDir: string): {
  child: ChildProcess;
  messages: CoreMessage[];
  next: (type: string) => Promise<CoreMessage>;
} {
  const child = fork(CORE_BUNDLE, [], {
    execArgv: ['-r', join(import.meta.dirname, 'support/parent-port-shim.cjs')],
    env: { PATH: process.env.PATH ?? '', KASSA_DATA_DIR: dataDir, KASSA_DEMO: '1', KASSA_VERSION: '9.9.9' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const messages: CoreMessage[] = [];
  const waiters: { type: string; resolve: (m: CoreMessage) => void }[] = [];
  child.on('message', (message: CoreMessage) => {
    messages.push(message);
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  return {
    child,
    messages,
    next: (type) => new Promise((resolve) => waiters.push({ type, resolve })),
  };
}

const send = (child: ChildProcess, message: MainToCoreMessage) => child.send(message);
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('the core in its own process', () => {
  it('takes the data key from the first port message (no key file), answers calls, and closes the database on shutdown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-core-process-'));
    const { child, next } = startCore(dataDir);
    // A call sent before init waits for it instead of being lost.
    const answer = next('result');
    send(child, { id: 1, method: 'system.status', input: {} });
    send(child, { type: 'init', dataKey: 'ab'.repeat(32) });
    expect(await answer).toMatchObject({ type: 'result', id: 1, result: { ok: true } });
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);

    const closed = next('closed');
    const exit = exited(child);
    send(child, { type: 'shutdown' });
    expect(await closed).toEqual({ type: 'closed' });
    expect(await exit).toBe(0);
    // Closed cleanly: the WAL was checkpointed and removed, and the file opens without recovery.
    const file = join(dataDir, 'kassa.sqlite');
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    new Database(file, { readonly: true }).close();
  }, 60_000);

  it('uses its own key file when the main process has no keychain key (null)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-core-process-'));
    const { child, next } = startCore(dataDir);
    send(child, { type: 'init', dataKey: null });
    const answer = next('result');
    send(child, { id: 7, method: 'system.status', input: {} });
    expect(await answer).toMatchObject({ id: 7, result: { ok: true } });
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    const exit = exited(child);
    send(child, { type: 'shutdown' });
    expect(await exit).toBe(0);
  }, 60_000);
});
