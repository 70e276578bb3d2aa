// `npm run backoffice`: the reference back-office on its own, e.g. for two counters on one machine.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDemoData } from '../demo/books/demo-data';
import { startBackofficeServer } from './server';
import { openBackofficeStore } from './store';

function flag(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const index = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/** KASSA_BACKOFFICE_STATIONS="C1:token-one,C2:token-two"; without it, one station C1 with a fresh token. */
function stations(): Record<string, string> {
  const spec = process.env.KASSA_BACKOFFICE_STATIONS?.trim();
  if (!spec) return { C1: randomBytes(24).toString('base64url') };
  return Object.fromEntries(
    spec.split(',').map((pair) => {
      const [id, token] = pair.split(':');
      if (!id || !token || token.length < 8)
        throw new Error(`bad station entry "${pair}" (want ID:TOKEN, token ≥ 8 characters)`);
      return [id.trim(), token.trim()];
    }),
  );
}

const dataDir = resolve(
  flag('data-dir') ?? process.env.KASSA_BACKOFFICE_DATA_DIR ?? join(homedir(), '.kassa-backoffice'),
);
const port = Number(flag('port') ?? process.env.KASSA_BACKOFFICE_PORT ?? 4320);
mkdirSync(dataDir, { recursive: true });
const store = openBackofficeStore(join(dataDir, 'backoffice.sqlite'));
if (store.isEmpty() && !process.argv.includes('--empty')) {
  const data = generateDemoData({ customers: 240, today: new Date() });
  store.seed(data.customers, data.invoices);
  console.log(`Seeded the demo books: ${data.customers.length} customers, ${data.invoices.length} invoices.`);
}
const tokens = stations();
const adminToken = process.env.KASSA_BACKOFFICE_ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
const server = await startBackofficeServer({ store, stations: tokens, adminToken, port });
console.log(`Reference back-office listening on ${server.url} (data: ${dataDir})`);
for (const [id, token] of Object.entries(tokens)) {
  console.log(
    `  station ${id}: KASSA_BACKOFFICE_URL=${server.url} KASSA_STATION_ID=${id} KASSA_BACKOFFICE_TOKEN=${token}`,
  );
}
console.log(`  admin (fault injection: PUT /admin/faults): Bearer ${adminToken}`);
const stop = async () => {
  await server.close();
  store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
