import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const { planNativeRebuild, binaryTarget, moduleAbi, verifyNativeBinary, archName } = require(
  join(ROOT, 'scripts/desktop/native-module.cjs'),
);
const { runBeforePack } = require(join(ROOT, 'scripts/desktop/before-pack.cjs'));
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

  it('the hook rebuilds exactly the packaged target, unsets nodedir, marks node_modules, and stops on a wrong result', async () => {
    const abi = abiOf(electronVersion);
    const project = mkdtempSync(join(tmpdir(), 'kassa-before-pack-'));
    mkdirSync(join(project, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    const binaryFile = join(project, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    // electron-builder's context: Arch.arm64 = 3, electronVersion filled in from node_modules/electron.
    const context = {
      electronPlatformName: 'linux',
      arch: 3,
      packager: { projectDir: project, config: { electronVersion } },
    };
    const env: Record<string, string> = { npm_config_nodedir: '/usr' };
    const rebuild = vi.fn(async () => writeFileSync(binaryFile, elf(0xb7, abi)));
    const tools = { rebuild, abiOf, hostPlatform: 'linux', hostArch: 'x64', env, log: () => {} };

    await runBeforePack(context, tools);
    expect(rebuild).toHaveBeenCalledWith({
      buildPath: project,
      electronVersion,
      platform: 'linux',
      arch: 'arm64',
      onlyModules: ['better-sqlite3'],
      force: true,
      buildFromSource: false,
    });
    expect(env).not.toHaveProperty('npm_config_nodedir');
    expect(readFileSync(join(project, 'node_modules/.kassa-native-target'), 'utf8')).toBe('electron');

    // A rebuild that fell back to compiling for this x64 machine: the package is stopped.
    const wrong = { ...tools, rebuild: vi.fn(async () => writeFileSync(binaryFile, elf(0x3e, abi))) };
    await expect(runBeforePack(context, wrong)).rejects.toThrow(/built for x64, not arm64/);
    // A rebuild against Node's headers (the nodedir trap): wrong ABI, stopped too.
    const nodeAbi = { ...tools, rebuild: vi.fn(async () => writeFileSync(binaryFile, elf(0xb7, 115))) };
    await expect(runBeforePack(context, nodeAbi)).rejects.toThrow(/ABI 115/);
  });
});
