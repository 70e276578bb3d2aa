/**
 * A real Kassa engine in its own process that charges a US customer's card on file at the PayTrace
 * fake and reports when the request is on its way; the test SIGKILLs it while the fake holds an
 * answer (the token's: nothing sent yet; the sale's: processed, not answered).
 */
import { randomUUID } from 'node:crypto';
import { payTraceCounterConfig } from './paytrace-harness';
import { createTestEngine } from './test-engine';

const [dataDir, backofficeUrl, envJson, customerId, terminalId] = process.argv.slice(2);
if (!dataDir || !backofficeUrl || !envJson || !customerId || !terminalId) {
  throw new Error('usage: paytrace-crash-child <dataDir> <backofficeUrl> <env> <customer> <terminal>');
}

const engine = createTestEngine({
  dataDir,
  ...payTraceCounterConfig(backofficeUrl, JSON.parse(envJson) as Record<string, string>),
  log: () => {},
});
await engine.start();
const invoices = await engine.dispatch('invoices.open', { customerId });
if (!invoices.ok) throw new Error('no invoices');
const [invoice] = invoices.value as { id: string }[];
if (!invoice) throw new Error('no invoice');
void engine.dispatch('payments.start', {
  requestId: randomUUID(),
  customerId,
  invoiceIds: [invoice.id],
  amount: { minor: 12_500, currency: 'USD' },
  terminalId,
});
console.log(JSON.stringify({ invoiceId: invoice.id }));
