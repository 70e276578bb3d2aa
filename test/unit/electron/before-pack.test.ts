import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const { planNativeRebuild, binaryTarget, moduleAbi, verifyNativeBinary, archName } = require(
  join(ROOT, 'scripts/desktop/native-module.cjs'),
);
const { getAbi } = require('node-abi');
const electronVersion: string = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
).version;
const abiOf = (version: string) => getAbi(version, 'electron');
const host = { hostPlatform: 'linux', hostArch: 'x64', electronVersion, abiOf };

/** Minimal file headers as compilers write them, to test the format check without foreign binaries. */
function elf(machine: number, abi: number): Buffer {
  const header = Buffer.alloc(64);
  header.write('\x7fELF', 0, 'latin1');
  header[5] = 1;
  header.writeUInt16LE(machine, 18);
  return Buffer.concat([header, Buffer.from(`node_register_module_v${abi}`)]);
}
function pe(machine: number, abi: number): Buffer {
  const header = Buffer.alloc(0x100);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  header.writeUInt16LE(machine, 0x84);
  return Buffer.concat([header, Buffer.from(`node_register_module_v${abi}`)]);
}
function macho(cpu: number, abi: number): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(cpu, 4);
  return Buffer.concat([header, Buffer.from(`node_register_module_v${abi}`)]);
}

describe('the before-pack hook for better-sqlite3', () => {
  it("plans a rebuild for Electron's ABI and the exact target being packaged", () => {
    const plan = planNativeRebuild({ ...host, targetPlatform: 'linux', targetArch: 1 });
    expect(plan).toMatchObject({
      module: 'better-sqlite3',
      platform: 'linux',
      arch: 'x64',
      electronVersion,
      mayCompile: true,
    });
    expect(plan.expectedAbi).toBe(Number(readFileSync(join(ROOT, 'node_modules/electron/abi_version'), 'utf8')));
    expect(planNativeRebuild({ ...host, targetPlatform: 'linux', targetArch: 3 })).toMatchObject({
      arch: 'arm64',
      mayCompile: false,
    });
    expect(planNativeRebuild({ ...host, targetPlatform: 'win32', targetArch: 1 })).toMatchObject({
      platform: 'win32',
      mayCompile: false,
    });
    expect(archName(3)).toBe('arm64');
  });

  it('refuses a universal pass and an unknown Electron version', () => {
    expect(() => planNativeRebuild({ ...host, targetPlatform: 'darwin', targetArch: 4 })).toThrow(/separately/);
    expect(() =>
      planNativeRebuild({ ...host, electronVersion: undefined, targetPlatform: 'linux', targetArch: 1 }),
    ).toThrow(/unknown Electron version/);
  });

  it('rejects the better-sqlite3 that `npm test` leaves behind (built for Node) for an installer', () => {
    const built = readFileSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(binaryTarget(built).platform).toBe(process.platform === 'darwin' ? 'darwin' : process.platform);
    expect(moduleAbi(built)).toBe(Number(process.versions.modules));
    const plan = planNativeRebuild({
      ...host,
      hostArch: process.arch,
      targetPlatform: process.platform,
      targetArch: process.arch,
    });
    expect(() => verifyNativeBinary(built, plan)).toThrow(/ABI \d+, Electron .* needs \d+/);
  });

  it('accepts only a binary of the right OS, CPU and ABI', () => {
    const abi = abiOf(electronVersion);
    const linuxArm = planNativeRebuild({ ...host, targetPlatform: 'linux', targetArch: 'arm64' });
    expect(() => verifyNativeBinary(elf(0xb7, abi), linuxArm)).not.toThrow();
    // The trap: compiling "for arm64" on an x64 machine gives an x64 binary.
    expect(() => verifyNativeBinary(elf(0x3e, abi), linuxArm)).toThrow(/built for x64, not arm64/);
    const win = planNativeRebuild({ ...host, targetPlatform: 'win32', targetArch: 'x64' });
    expect(() => verifyNativeBinary(pe(0x8664, abi), win)).not.toThrow();
    expect(() => verifyNativeBinary(elf(0x3e, abi), win)).toThrow(/built for linux, not win32/);
    const mac = planNativeRebuild({ ...host, targetPlatform: 'darwin', targetArch: 'arm64' });
    expect(() => verifyNativeBinary(macho(0x0100000c, abi), mac)).not.toThrow();
    expect(() => verifyNativeBinary(macho(0x01000007, abi), mac)).toThrow(/not arm64/);
    expect(() => verifyNativeBinary(macho(0x0100000c, 115), mac)).toThrow(/ABI 115/);
  });
});
