// `npm start`: the desktop app when Electron can start here, otherwise browser mode, saying why.
// Flags (--port, --data-dir) are kept for browser mode; see README.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronUnavailableReason, launchElectron } from './desktop/launch.mjs';
import { ensureWebBuild } from './web-build.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const browserArgs = args.filter((a) => a !== '--browser');

/**
 * The Electron binary's path, or null. Electron 45's package downloads its binary when first
 * required; that attempt is made here once, quietly, so an offline machine gets one clear line
 * instead of a stack trace.
 */
function electronBinary() {
  let folder;
  try {
    folder = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('Electron’s binary is not downloaded yet; trying once…');
    const result = spawnSync(process.execPath, [join(folder, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0)
      console.log(`  download failed: ${(result.stderr || result.stdout || '').trim().split('\n')[0]}`);
  }
  if (!existsSync(pathFile)) return null;
  return join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  return result.status === 0;
}

function startBrowserMode(reason) {
  if (reason) {
    console.log(reason);
    console.log('Starting Kassa in browser mode instead: open the address below in a browser on this computer.');
  }
  if (!run(process.execPath, ['scripts/ensure-native.mjs', 'node'])) process.exit(1);
  // Built once per content of the sources (out/web/<hash>), then started as plain JavaScript.
  let build;
  try {
    build = ensureWebBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const child = spawn(process.execPath, [build.host, ...browserArgs], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (!run(process.execPath, ['scripts/setup.mjs'])) process.exit(1);
if (args.includes('--browser')) {
  startBrowserMode(null);
} else {
  const binary = electronBinary();
  const reason = electronUnavailableReason({
    binary,
    exists: existsSync,
    platform: process.platform,
    env: process.env,
  });
  if (reason) {
    startBrowserMode(reason);
  } else if (
    // node-gyp must fetch Electron's headers: a nodedir (here from ~/.npmrc for offline Node builds)
    // would compile against Node's headers and leave a module the Electron core cannot load.
    !run('node', ['scripts/ensure-native.mjs', 'electron'], { env: { ...process.env, npm_config_nodedir: '' } })
  ) {
    startBrowserMode('better-sqlite3 could not be rebuilt for Electron (this needs internet for Electron’s headers).');
  } else if (!run('npx', ['electron-vite', 'build'])) {
    process.exit(1);
  } else {
    const outcome = await launchElectron({ binary, args: ['.'] });
    if (outcome.kind === 'failed') startBrowserMode(outcome.reason);
    else process.exit(outcome.code);
  }
}
