import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-engine';

/** Runs a command-line entry in its own process and collects how it ended. */
function run(script: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('command-line flags (node:util parseArgs)', () => {
  it('npm run web refuses an unknown flag with a clear message and exit code 2, before starting anything', async () => {
    const dataDir = tempDir();
    const result = await run('electron/core/server/cli.ts', ['--data-dir', dataDir, '--prot', '4310']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--prot'/);
    expect(result.stderr).toMatch(/usage: npm run web/);
  });

  it('npm run backoffice refuses an unknown flag and a port that is not a port, with exit code 2', async () => {
    const unknown = await run('backoffice/cli.ts', ['--data-dir', tempDir(), '--emtpy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--emtpy'/);
    const badPort = await run('backoffice/cli.ts', ['--data-dir', tempDir(), '--port', 'abc']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/invalid --port: "abc"/);
  });
});
