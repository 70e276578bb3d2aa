// `npm run demo:paynl`: the demo counter, also running against the wire-level Pay. fake — Order API,
// terminals, refunds and signed exchange calls over real HTTP on this machine. Same flags as `npm start`.
import { spawn } from 'node:child_process';

const child = spawn('node', ['scripts/start.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KASSA_DEMO_PAYNL: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
