// The part of packaging that runs without Electron's binary, for CI (< 1 min): electron-builder
// packs the real app (files, asar, asarUnpack, fuses, update feed config) for linux-x64 "dir" around
// a stand-in Electron executable that carries a fuse wire, and the result is checked.
// Usage: node scripts/desktop/package-check.mjs [outputDir to keep the result]
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, only-asar off, V8 snapshot off, file:// privileges on.
const DEFAULT_WIRE = '10110001';

export async function packageWithStandInElectron(outputDir) {
  const { build, Platform, Arch } = require('electron-builder');
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;

  const dist = mkdtempSync(join(tmpdir(), 'kassa-standin-electron-'));
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run"; exit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dist, 'electron'), binary);
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  writeFileSync(join(dist, 'version'), electronVersion);
  mkdirSync(join(dist, 'resources'));

  try {
    await build({
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      projectDir: ROOT,
      // Merged by electron-builder over electron-builder.yml, which it loads itself.
      config: {
        electronVersion,
        electronDist: dist,
        beforePack: './scripts/desktop/ci-before-pack.cjs',
        directories: { output: outputDir },
      },
    });
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
  return join(outputDir, 'linux-unpacked');
}

/** What must hold for the packaged app; returns the problems found (empty = good). */
export function checkPackagedApp(app) {
  const asar = require('@electron/asar');
  const yaml = require('js-yaml');
  const problems = [];
  const resources = join(app, 'resources');
  const files = new Set(asar.listPackage(join(resources, 'app.asar')).map((f) => f.replaceAll('\\', '/')));
  for (const needed of [
    '/package.json',
    '/out/main/index.cjs',
    '/out/main/core.cjs',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ]) {
    if (!files.has(needed)) problems.push(`app.asar lacks ${needed}`);
  }
  // Every package the bundles require must be inside the package.
  for (const bundle of [...files].filter((f) => /^\/out\/.*\.cjs$/.test(f))) {
    const code = asar.extractFile(join(resources, 'app.asar'), bundle.slice(1)).toString('utf8');
    for (const [, name] of code.matchAll(/require\("([^".][^"]*)"\)/g)) {
      if (name.startsWith('node:') || name === 'electron') continue;
      const root = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
      if (!files.has(`/node_modules/${root}/package.json`))
        problems.push(`${bundle} requires ${root}, which is not packaged`);
    }
  }
  for (const file of files) {
    if (/\.(c|cc|cpp|h|hpp|gyp|gypi)$/.test(file)) problems.push(`native source packaged: ${file}`);
    if (/^\/node_modules\/better-sqlite3\/(src|deps)\//.test(file))
      problems.push(`better-sqlite3 sources packaged: ${file}`);
    if (/^\/node_modules\/(vitest|electron-builder|typescript|@biomejs|electron|tsx|esbuild)\//.test(file)) {
      problems.push(`development package shipped: ${file}`);
    }
  }
  const nativeModule = join(
    resources,
    'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  );
  if (!existsSync(nativeModule)) problems.push('better_sqlite3.node is not unpacked next to app.asar');
  const update = yaml.load(readFileSync(join(resources, 'app-update.yml'), 'utf8'));
  if (update.provider !== 'generic' || !update.updaterCacheDirName)
    problems.push(`app-update.yml: ${JSON.stringify(update)}`);
  // The fuse wire in the executable, as electron-builder flipped it from electronFuses.
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
  const order = [
    'runAsNode',
    'enableCookieEncryption',
    'enableNodeOptionsEnvironmentVariable',
    'enableNodeCliInspectArguments',
    'enableEmbeddedAsarIntegrityValidation',
    'onlyLoadAppFromAsar',
    'loadBrowserProcessSpecificV8Snapshot',
    'grantFileProtocolExtraPrivileges',
  ];
  const executable = readFileSync(join(app, config.linux.executableName));
  const at = executable.indexOf(SENTINEL) + SENTINEL.length;
  const wire = executable.subarray(at + 2, at + 2 + executable[at + 1]).toString('latin1');
  const expected = order.map((fuse) => (config.electronFuses[fuse] ? '1' : '0')).join('');
  if (wire !== expected) problems.push(`fuse wire ${wire}, electron-builder.yml asks for ${expected}`);
  return { problems, wire, files: files.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // With no folder given, packs into a temporary one and removes it afterwards (CI).
  const output = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'kassa-package-'));
  let failed = true;
  try {
    const app = await packageWithStandInElectron(output);
    const { problems, wire, files } = checkPackagedApp(app);
    console.log(`packaged with a stand-in Electron into ${app}: ${files} files in app.asar, fuse wire ${wire}`);
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    failed = problems.length > 0;
  } finally {
    if (!process.argv[2]) rmSync(output, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}
