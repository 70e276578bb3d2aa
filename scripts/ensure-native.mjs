// better-sqlite3 is compiled for one runtime at a time: Node (tests, browser mode) or Electron (the
// desktop app). This switches it to the runtime about to be used, only when it is not already built for it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: ensure-native.mjs node|electron');
  process.exit(2);
}
const marker = 'node_modules/.kassa-native-target';
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node';

function loadsInNode() {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (target === 'node' && current === 'node' && loadsInNode()) process.exit(0);
if (target === 'electron' && current === 'electron') process.exit(0);

const [command, args] =
  target === 'node' ? ['npm', ['rebuild', 'better-sqlite3']] : ['npx', ['electron-builder', 'install-app-deps']];
console.log(`Rebuilding better-sqlite3 for ${target} (${command} ${args.join(' ')})…`);
const result = spawnSync(command, args, { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(marker, target);
