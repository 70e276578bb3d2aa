// Starts browser mode for the end-to-end tests: fresh data folder, the build for the current sources
// (scripts/web-build.mjs: built only when they changed), a quick sandbox terminal.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ensureWebBuild } from './web-build.mjs';

const [port, dataDir] = process.argv.slice(2);
rmSync(dataDir, { recursive: true, force: true });
const build = ensureWebBuild();
const server = spawn(process.execPath, [build.host, '--port', port, '--data-dir', dataDir], {
  stdio: 'inherit',
  env: {
    ...process.env,
    KASSA_SANDBOX_PHASE_MS: process.env.KASSA_SANDBOX_PHASE_MS ?? '450',
    KASSA_DEMO_MOBILEPAY_MS: process.env.KASSA_DEMO_MOBILEPAY_MS ?? '1500',
    KASSA_DEMO_PAYNL: '1',
    KASSA_DEMO_PAYNL_SETTLE_MS: '1200',
    KASSA_DEMO_PAYTRACE_SETTLE_MS: '2000',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
