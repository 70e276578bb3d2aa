// Decisions and checks for better-sqlite3 in an installer, kept apart from the electron-builder
// hook so they can be tested without packaging (see test/unit/electron/before-pack.test.ts).
'use strict';

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** electron-builder passes builder-util's Arch enum (a number); @electron/rebuild wants a name. */
function archName(arch) {
  if (typeof arch === 'string') return arch;
  const name = ARCH_NAMES[arch];
  if (!name) throw new Error(`unknown electron-builder arch ${arch}`);
  return name;
}

/**
 * What to build for one packaging target. Same OS and CPU as this machine: compile (or use a
 * prebuilt). Another OS or CPU: only a prebuilt binary for exactly that target will do, because
 * node-gyp here would produce a binary for this machine under the target's name.
 */
function planNativeRebuild({ targetPlatform, targetArch, hostPlatform, hostArch, electronVersion, abiOf }) {
  const arch = archName(targetArch);
  if (arch === 'universal') {
    throw new Error(
      'better-sqlite3: build mac x64 and arm64 separately (electron-builder merges universal apps itself)',
    );
  }
  if (!electronVersion || !/^\d+\.\d+\.\d+/.test(electronVersion)) {
    throw new Error(`better-sqlite3: unknown Electron version (${electronVersion}); refusing to package a guess`);
  }
  const native = targetPlatform === hostPlatform && arch === hostArch;
  return {
    module: 'better-sqlite3',
    platform: targetPlatform,
    arch,
    electronVersion,
    expectedAbi: Number(abiOf(electronVersion)),
    // Prebuilt first (better-sqlite3 publishes them per Electron ABI); compiling is only right on
    // the target itself. verifyNativeBinary catches a wrong fallback either way.
    buildFromSource: false,
    mayCompile: native,
  };
}

/** OS and CPU a compiled module was built for, from its file header (ELF, PE or Mach-O). */
function binaryTarget(bytes) {
  if (bytes.length >= 20 && bytes[0] === 0x7f && bytes.toString('latin1', 1, 4) === 'ELF') {
    const little = bytes[5] === 1;
    const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    return {
      platform: 'linux',
      arch: { 62: 'x64', 183: 'arm64', 40: 'armv7l', 3: 'ia32' }[machine] ?? `elf-${machine}`,
    };
  }
  if (bytes.length >= 64 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.length >= pe + 6 && bytes.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = bytes.readUInt16LE(pe + 4);
      return { platform: 'win32', arch: { 34404: 'x64', 43620: 'arm64', 332: 'ia32' }[machine] ?? `pe-${machine}` };
    }
  }
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { platform: 'darwin', arch: { 16777223: 'x64', 16777228: 'arm64' }[cpu] ?? `macho-${cpu}` };
  }
  return { platform: 'unknown', arch: 'unknown' };
}

/** NAN modules export node_register_module_v<ABI>; the number must be Electron's, not Node's. */
function moduleAbi(bytes) {
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Throws (and so stops the packaging) unless the binary fits the plan exactly. */
function verifyNativeBinary(bytes, plan) {
  const target = binaryTarget(bytes);
  const problems = [];
  if (target.platform !== plan.platform) problems.push(`built for ${target.platform}, not ${plan.platform}`);
  if (target.arch !== plan.arch) problems.push(`built for ${target.arch}, not ${plan.arch}`);
  const abi = moduleAbi(bytes);
  if (abi !== plan.expectedAbi)
    problems.push(`ABI ${abi ?? 'unknown'}, Electron ${plan.electronVersion} needs ${plan.expectedAbi}`);
  if (problems.length > 0) throw new Error(`better-sqlite3 for ${plan.platform}-${plan.arch}: ${problems.join('; ')}`);
}

module.exports = { archName, planNativeRebuild, binaryTarget, moduleAbi, verifyNativeBinary };
