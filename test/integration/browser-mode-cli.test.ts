import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-engine';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

function startCli(dataDir: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/core/server/cli.ts', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  return child;
}

async function firstLine(stream: NodeJS.ReadableStream, match: RegExp): Promise<string> {
  for await (const line of createInterface({ input: stream })) if (match.test(line)) return line;
  throw new Error('stream ended');
}

describe('npm run web (browser mode)', () => {
  it('prints a loopback address with a fresh token, and refuses a second instance on the same data folder', async () => {
    const dataDir = tempDir();
    const first = startCli(dataDir);
    const line = await firstLine(first.stdout as NodeJS.ReadableStream, /is running/);
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{40,})/.exec(line);
    expect(url).not.toBeNull();
    const status = await fetch(`http://127.0.0.1:${url?.[1]}/api/rpc/system.status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${url?.[2]}` },
      body: '{}',
    });
    expect(status.status).toBe(200);

    const second = startCli(dataDir);
    const refusal = await firstLine(second.stderr as NodeJS.ReadableStream, /already running/);
    expect(refusal).toContain(dataDir);
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
  });

  it('keeps launch.json (it holds the token) readable by this user only, even when an old one was 0644', async () => {
    const dataDir = tempDir();
    const launchFile = join(dataDir, 'launch.json');
    // Left by an earlier run, or created by hand, with the usual permissions and no live process.
    writeFileSync(launchFile, JSON.stringify({ url: 'http://127.0.0.1:1/', token: 'old-token', port: 1 }));
    chmodSync(launchFile, 0o644);

    const child = startCli(dataDir);
    const line = await firstLine(child.stdout as NodeJS.ReadableStream, /is running/);
    const token = /#token=([A-Za-z0-9_-]{40,})/.exec(line)?.[1];
    expect(token).toBeDefined();

    expect(statSync(launchFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(launchFile, 'utf8'))).toMatchObject({ token, pid: child.pid });
  });
});
