// CI stand-in for before-pack.cjs when packaging with the fake Electron (package-check.mjs): the
// rebuild itself needs Electron's headers from the internet, so here only the plan is made and
// printed; the real hook's decisions and checks are unit-tested (before-pack.test.ts).
'use strict';

const { planNativeRebuild } = require('./native-module.cjs');

async function beforePack(context) {
  const plan = planNativeRebuild({
    targetPlatform: context.electronPlatformName,
    targetArch: context.arch,
    hostPlatform: process.platform,
    hostArch: process.arch,
    electronVersion: context.packager.config.electronVersion,
    abiOf: (version) => require('node-abi').getAbi(version, 'electron'),
  });
  console.log(`  • ci before-pack: would rebuild better-sqlite3 for ${JSON.stringify(plan)} (needs internet; skipped)`);
}

module.exports = { beforePack, default: beforePack };
