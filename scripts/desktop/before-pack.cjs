// electron-builder beforePack hook (as Actual Budget does with @electron/rebuild): rebuilds
// better-sqlite3 for the Electron ABI and the exact platform/arch being packaged, then checks the
// binary before it goes into the installer. electron-builder's own rebuild stays off (npmRebuild:
// false), so nothing else touches the module.
'use strict';

const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { planNativeRebuild, verifyNativeBinary } = require('./native-module.cjs');

const NATIVE_BINARY = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
// scripts/ensure-native.mjs reads this to rebuild for Node before the next test run.
const NATIVE_MARKER = 'node_modules/.kassa-native-target';

function electronVersionOf(context, projectDir) {
  return (
    context.packager.config.electronVersion ??
    context.packager.info?.framework?.version ??
    JSON.parse(readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8')).version
  );
}

/** The hook with its tools passed in, so its decisions can be tested without a rebuild. */
async function runBeforePack(context, tools) {
  const projectDir = context.packager.projectDir;
  const plan = planNativeRebuild({
    targetPlatform: context.electronPlatformName,
    targetArch: context.arch,
    hostPlatform: tools.hostPlatform,
    hostArch: tools.hostArch,
    electronVersion: electronVersionOf(context, projectDir),
    abiOf: tools.abiOf,
  });
  tools.log(
    `  • before-pack: better-sqlite3 for Electron ${plan.electronVersion} (ABI ${plan.expectedAbi}) ${plan.platform}-${plan.arch}` +
      (plan.mayCompile ? '' : ' (cross target: only a prebuilt binary fits)'),
  );
  // npm_config_nodedir (set on machines without access to nodejs.org) would make node-gyp compile
  // against Node's headers and produce a Node-ABI binary under Electron's name.
  delete tools.env.npm_config_nodedir;
  await tools.rebuild({
    buildPath: projectDir,
    electronVersion: plan.electronVersion,
    platform: plan.platform,
    arch: plan.arch,
    onlyModules: [plan.module],
    force: true,
    buildFromSource: plan.buildFromSource,
  });
  writeFileSync(join(projectDir, NATIVE_MARKER), 'electron');
  verifyNativeBinary(readFileSync(join(projectDir, NATIVE_BINARY)), plan);
  return plan;
}

async function beforePack(context) {
  const { rebuild } = await import('@electron/rebuild');
  const { getAbi } = require('node-abi');
  await runBeforePack(context, {
    rebuild,
    abiOf: (version) => getAbi(version, 'electron'),
    hostPlatform: process.platform,
    hostArch: process.arch,
    env: process.env,
    log: console.log,
  });
}

module.exports = { beforePack, runBeforePack, default: beforePack };
