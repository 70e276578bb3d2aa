import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { createPayNlSettlements } from '../../electron/core/payments/paynl/settlements';
import { createVippsSettlements } from '../../electron/core/payments/vipps/settlements';
import { createVippsClient } from '../../electron/core/payments/vipps/vipps-client';
import { createSettlementImport } from '../../electron/core/reconciliation/import';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';

/**
 * A settlement import in its own process, against the fakes in the parent test (their default
 * credentials), printing one line per stored page so the test can SIGKILL it mid-import.
 */
const [dataDir, paynlUrl, vippsUrl, now] = process.argv.slice(2);
if (!dataDir || !paynlUrl || !vippsUrl || !now)
  throw new Error('usage: reconciliation-child <dataDir> <paynl> <vipps> <now>');

const db = openDatabase(join(dataDir, 'kassa.sqlite'));
const payConfig = {
  connectUrl: paynlUrl,
  restUrl: paynlUrl,
  tokenCode: 'AT-1000-0001',
  apiToken: 'fake0api0token0fake0api0token0fake00000',
  serviceId: 'SL-1000-0001',
  serviceSecret: 'fake-service-secret-0001',
  testMode: true,
  exchangeUrl: null,
};
const vippsConfig = {
  apiUrl: vippsUrl,
  clientId: 'fake-client-id-0001',
  clientSecret: 'fake-client-secret',
  subscriptionKey: 'fake-subscription-key',
  merchantSerialNumber: '123456',
  testMode: true,
};
const client = createVippsClient({ config: () => vippsConfig, systemVersion: 'child' });
const importer = createSettlementImport({
  db,
  settlements: createSettlementRepository(db),
  clock: { now: () => new Date(now) },
  sources: () => [
    { provider: 'vipps', source: createVippsSettlements({ client, config: () => vippsConfig }) },
    { provider: 'paynl', source: createPayNlSettlements({ config: () => payConfig }) },
  ],
  options: { pageGapMs: Number(process.env.PAGE_GAP_MS ?? 20) },
  onProgress: (p) => console.log(JSON.stringify(p)),
});
const results = await importer.importAll();
console.log(JSON.stringify({ done: results }));
db.close();
