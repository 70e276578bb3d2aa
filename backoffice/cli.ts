// `npm run backoffice`: the reference back-office on its own, e.g. for two counters on one machine.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateDemoData } from '../demo/books/demo-data';
import { startBackofficeServer } from './server';
import { openBackofficeStore } from './store';

const USAGE = 'usage: npm run backoffice -- [--port <port>] [--data-dir <folder>] [--empty]';

/** A wrong command line: the message and the usage, exit code 2 (as most command-line tools do). */
function refuse(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readFlags() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, empty: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

const Port = z.coerce.number().int().min(0).max(65_535);

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

const flags = readFlags();
const dataDir = resolve(
  flags['data-dir'] ?? process.env.KASSA_BACKOFFICE_DATA_DIR ?? join(homedir(), '.kassa-backoffice'),
);
const portSource = flags.port !== undefined ? '--port' : 'KASSA_BACKOFFICE_PORT';
const portText = flags.port ?? (process.env.KASSA_BACKOFFICE_PORT || '4320');
const parsedPort = Port.safeParse(portText.trim() === '' ? Number.NaN : portText);
if (!parsedPort.success) refuse(`invalid ${portSource}: "${portText}" is not a port (0 to 65535)`);
const port = parsedPort.data;
mkdirSync(dataDir, { recursive: true });
const store = openBackofficeStore(join(dataDir, 'backoffice.sqlite'));
if (store.isEmpty() && !flags.empty) {
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
