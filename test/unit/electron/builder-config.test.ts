import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
  asarUnpack: string[];
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[]; icon: string; maintainer: string };
  mac: { target: { target: string; arch: string[] }[]; notarize: boolean; hardenedRuntime: boolean; icon: string };
  publish: { provider: string; url: string }[];
};
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema (app-builder-lib/scheme.json)", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // The schema would catch a misspelt fuse (additionalProperties: false).
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
  });

  it("passes electron-builder's own configuration check", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every fuse Electron recommends for a shipped app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds better-sqlite3 in its own before-pack hook and keeps native sources out', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/desktop/before-pack.cjs');
    const hook = require(join(ROOT, 'scripts/desktop/before-pack.cjs'));
    expect(typeof hook.beforePack).toBe('function');
    expect(config.asarUnpack).toEqual(['**/*.node']);
    for (const excluded of [
      '!node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
      '!node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps}/**',
      '!node_modules/better-sqlite3/build/Release/{test_extension.node,*.a,*.lib,*.pdb,*.exp,*.iobj,*.ipdb}',
      '!**/*.{c,cc,cpp,h,hpp,gyp,gypi,map}',
    ]) {
      expect(config.files).toContain(excluded);
    }
  });

  it('builds the shop targets: NSIS x64, AppImage+deb x64/arm64, dmg+zip x64/arm64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
  });

  it('notarizes and hardens the mac app (skipped by electron-builder when the APPLE_* variables are absent)', () => {
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('writes the update feed files for a generic server and never publishes by itself', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\//) }]);
    expect(pkg.scripts.dist).toContain('--publish never');
  });

  it('has the package.json metadata a deb needs, and the current Electron', () => {
    expect(pkg.author.email).toMatch(/@/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.description.length).toBeGreaterThan(10);
    expect(pkg.license).toBeTruthy();
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(Number(pkg.devDependencies.electron.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(pkg.allowScripts.electron).toBe(true);
  });
});
