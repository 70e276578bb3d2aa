// Installs the npm packages when they are missing or older than the lock file, so that
// `npm start` and `npm test` work on a fresh checkout. Electron's install script downloads its
// binary; where that download is impossible, the install is repeated without it (browser mode).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
if (upToDate) process.exit(0);
// A node_modules that is a link to another checkout's (a git worktree) is shared: `npm ci` would empty
// the folder it points to under every other checkout. Leave it to whoever owns it.
if (existsSync('node_modules') && lstatSync('node_modules').isSymbolicLink()) {
  console.log('node_modules is a link to a shared folder: not reinstalling it here (run npm ci where it lives).');
  process.exit(0);
}

const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' };
// node-gyp (better-sqlite3 without a prebuilt binary) can use the system's Node headers offline.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

console.log('Installing npm packages (npm ci)…');
let result = spawnSync('npm', ['ci'], { stdio: 'inherit', env });
if (result.status !== 0 && !env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('\nnpm ci failed; retrying without downloading Electron’s binary (Kassa will run in browser mode).');
  result = spawnSync('npm', ['ci'], { stdio: 'inherit', env: { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
}
process.exit(result.status ?? 1);
