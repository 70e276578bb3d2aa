// `npm start`: the desktop app when Electron's binary is installed, otherwise browser mode.
// Flags (--port, --data-dir) are passed to browser mode; see README.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when its download never happened.
    const path = require('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('node', ['scripts/setup.mjs']);
const electron = electronBinary();
if (electron && !args.includes('--browser')) {
  run('node', ['scripts/ensure-native.mjs', 'electron']);
  run('npx', ['electron-vite', 'build']);
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!electron) {
    console.log('Electron’s binary is not installed on this machine (its download was skipped or failed).');
    console.log('Starting Kassa in browser mode instead: open the address below in a browser on this computer.');
  }
  run('node', ['scripts/ensure-native.mjs', 'node']);
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const child = spawn('npx', ['tsx', 'electron/core/server/cli.ts', ...args.filter((a) => a !== '--browser')], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
