/**
 * A real Kassa engine in its own process that starts one payment against a provider fake and
 * reports when the request is on its way; the test SIGKILLs it while the provider holds the answer.
 */
import { randomUUID } from 'node:crypto';
import { createTestEngine } from './test-engine';

const [dataDir, envJson, terminalId, phone] = process.argv.slice(2);
if (!dataDir || !envJson || !terminalId)
  throw new Error('usage: provider-crash-child <dataDir> <env> <terminal> [phone]');

const engine = createTestEngine({
  dataDir,
  demo: true,
  demoBesideRealForTests: true,
  demoCustomers: 40,
  env: JSON.parse(envJson) as NodeJS.ProcessEnv,
  autoSync: false,
  log: () => {},
});
await engine.start();
const invoices = await engine.dispatch('invoices.open', { customerId: 'cust-100002' });
if (!invoices.ok) throw new Error('no invoices');
const [invoice] = invoices.value as { id: string }[];
if (!invoice) throw new Error('no invoice');
void engine.dispatch('payments.start', {
  requestId: randomUUID(),
  customerId: 'cust-100002',
  invoiceIds: [invoice.id],
  amount: { minor: 1_250, currency: 'EUR' },
  terminalId,
  ...(phone ? { phone } : {}),
});
console.log(JSON.stringify({ invoiceId: invoice.id }));
