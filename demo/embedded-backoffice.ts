import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BackofficeServer, startBackofficeServer } from '../backoffice/server';
import { openBackofficeStore } from '../backoffice/store';
import { generateDemoData } from './books/demo-data';
import { US_DEMO_CUSTOMERS, usDemoBooks } from './books/us-customers';
import { seedDemoUsers } from './demo-users';

export interface EmbeddedBackoffice {
  readonly server: BackofficeServer;
  readonly stationId: string;
  readonly token: string;
}

/**
 * Demo mode's back-office: the reference server on loopback, its books in DATA_DIR/backoffice.sqlite,
 * seeded once with the demo customers and invoices. Its address and admin token are written to
 * DATA_DIR/backoffice.json (mode 0600) so tests and a curious manager can reach it.
 */
export async function startEmbeddedBackoffice(options: {
  dataDir: string;
  today: Date;
  customers?: number;
  stationId?: string;
}): Promise<EmbeddedBackoffice> {
  const store = openBackofficeStore(join(options.dataDir, 'backoffice.sqlite'));
  if (store.isEmpty()) {
    const data = generateDemoData({ customers: options.customers ?? 240, today: options.today });
    store.seed(data.customers, data.invoices);
  }
  seedDemoUsers(store.users);
  // US trade customers paying in dollars by card on file (PayTrace); also into demo books from before.
  if (!store.hasCustomer(US_DEMO_CUSTOMERS[0]?.id ?? '')) {
    const us = usDemoBooks(options.today);
    store.seed(us.customers, us.invoices);
  }
  const stationId = options.stationId ?? 'C1';
  const secretsFile = join(options.dataDir, 'backoffice-demo-secrets.json');
  const secrets = existsSync(secretsFile)
    ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as { token: string; adminToken: string })
    : { token: randomBytes(24).toString('base64url'), adminToken: randomBytes(24).toString('base64url') };
  writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  const server = await startBackofficeServer({
    store,
    stations: { [stationId]: secrets.token },
    adminToken: secrets.adminToken,
  });
  writeFileSync(
    join(options.dataDir, 'backoffice.json'),
    JSON.stringify({ url: server.url, stationId, adminToken: secrets.adminToken }),
    { mode: 0o600 },
  );
  return { server, stationId, token: secrets.token };
}
