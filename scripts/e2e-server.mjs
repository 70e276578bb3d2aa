// Starts browser mode for the end-to-end tests: fresh data folder, fresh renderer build, a quick sandbox terminal.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const [port, dataDir] = process.argv.slice(2);
rmSync(dataDir, { recursive: true, force: true });
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn('npx', ['tsx', 'electron/core/server/cli.ts', '--port', port, '--data-dir', dataDir], {
  stdio: 'inherit',
  env: {
    ...process.env,
    KASSA_SANDBOX_PHASE_MS: process.env.KASSA_SANDBOX_PHASE_MS ?? '300',
    KASSA_DEMO_MOBILEPAY_MS: process.env.KASSA_DEMO_MOBILEPAY_MS ?? '1500',
    KASSA_DEMO_PAYNL: '1',
    KASSA_DEMO_PAYNL_SETTLE_MS: '1200',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
