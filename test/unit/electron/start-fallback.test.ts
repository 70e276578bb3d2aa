import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { electronUnavailableReason, launchElectron } from '../../../scripts/desktop/launch.mjs';

const exists = () => true;
const display = { DISPLAY: ':0' };

function fakeElectron(script: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kassa-fake-electron-')), 'electron');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('npm start falls back to browser mode whenever Electron cannot start', () => {
  it('says why: no binary, binary path missing, no display on Linux', () => {
    expect(electronUnavailableReason({ binary: null, exists, platform: 'linux', env: display })).toMatch(
      /not installed/,
    );
    expect(
      electronUnavailableReason({ binary: '/x/electron', exists: () => false, platform: 'linux', env: display }),
    ).toMatch(/missing at \/x\/electron/);
    expect(electronUnavailableReason({ binary: '/x/electron', exists, platform: 'linux', env: {} })).toMatch(
      /no display/,
    );
    expect(
      electronUnavailableReason({ binary: '/x/electron', exists, platform: 'linux', env: { WAYLAND_DISPLAY: 'w' } }),
    ).toBeNull();
    expect(electronUnavailableReason({ binary: 'C:\\e.exe', exists, platform: 'win32', env: {} })).toBeNull();
  });

  it('a spawn error (not executable, not there) is a reason to fall back, not a crash', async () => {
    const outcome = await launchElectron({ binary: '/nonexistent/electron', args: ['.'], env: {} });
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/could not be started.*ENOENT/) });
  });

  it('Electron dying right after start (e.g. missing libnss3) falls back; a normal close does not', async () => {
    const crashing = fakeElectron('echo "error while loading shared libraries: libnss3.so" >&2; exit 127');
    expect(await launchElectron({ binary: crashing, args: ['.'], env: {} })).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/exit code 127/),
    });
    const closedByUser = fakeElectron('exit 0');
    expect(await launchElectron({ binary: closedByUser, args: ['.'], env: {} })).toEqual({ kind: 'exited', code: 0 });
    const crashedLater = fakeElectron('exit 3');
    expect(await launchElectron({ binary: crashedLater, args: ['.'], env: {}, startupWindowMs: 0 })).toEqual({
      kind: 'exited',
      code: 3,
    });
  });
});
