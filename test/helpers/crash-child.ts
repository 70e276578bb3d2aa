/**
 * A real Kassa engine in its own process, driven to a chosen point of a payment, then left running
 * (or killing itself) so the test can SIGKILL it there. Prints one JSON line when it is in place.
 */
import { randomUUID } from 'node:crypto';
import { createTestEngine } from './test-engine';

const [dataDir, scenario] = process.argv.slice(2);
if (!dataDir || !scenario) throw new Error('usage: crash-child <dataDir> <waiting|lost|recorded>');

const engine = createTestEngine({
  dataDir,
  demo: true,
  demoCustomers: 40,
  sandboxPhaseMs: Number(process.env.PHASE_MS ?? 200),
  pollIntervalMs: 20,
  log: () => {},
});
await engine.start();

const call = async (method: string, input: unknown) => {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as Record<string, unknown>;
};

const hits = (await call('customers.search', { query: '100002' })) as unknown as { id: string }[];
const customer = hits[0];
if (!customer) throw new Error('demo customer 100002 missing');
const invoices = (await call('invoices.open', { customerId: customer.id })) as unknown as {
  id: string;
  outstandingMinor: number;
}[];
const invoice = invoices.find((i) => i.outstandingMinor > 200);
if (!invoice) throw new Error('no invoice');
const cents = scenario === 'lost' ? 9 : 8;
const amount = Math.floor(invoice.outstandingMinor / 100) * 100 - 100 + cents;

if (scenario === 'recorded') {
  // Die exactly between committing the attempt and committing "sent": the terminal never heard of it.
  const { openDatabase } = await import('../../electron/core/db/open-database');
  const { join } = await import('node:path');
  const { createAttemptRecorder } = await import('../../electron/core/payments/record-attempt');
  const { createCustomerRepository } = await import('../../electron/core/repositories/customers');
  const { createInvoiceRepository } = await import('../../electron/core/repositories/invoices');
  const { createPaymentRepository } = await import('../../electron/core/repositories/payments');
  await engine.close();
  const db = openDatabase(join(dataDir, 'kassa.sqlite'));
  const recorder = createAttemptRecorder({
    db,
    customers: createCustomerRepository(db),
    invoices: createInvoiceRepository(db),
    payments: createPaymentRepository(db),
    clock: { now: () => new Date() },
    stationId: () => 'C1',
  });
  const { row } = recorder.record(
    {
      requestId: randomUUID(),
      customerId: customer.id,
      invoiceIds: [invoice.id],
      amount: { minor: amount, currency: 'EUR' },
      terminalId: 'sandbox-1',
    },
    { provider: 'sandbox', kind: 'terminal', currencies: null },
  );
  console.log(
    JSON.stringify({ paymentId: row.id, invoiceId: invoice.id, outstanding: invoice.outstandingMinor, amount }),
  );
  process.kill(process.pid, 'SIGKILL');
}

const payment = await call('payments.start', {
  requestId: randomUUID(),
  customerId: customer.id,
  invoiceIds: [invoice.id],
  amount: { minor: amount, currency: 'EUR' },
  terminalId: 'sandbox-1',
});
console.log(
  JSON.stringify({
    paymentId: payment.id,
    status: payment.status,
    invoiceId: invoice.id,
    outstanding: invoice.outstandingMinor,
    amount,
  }),
);
setInterval(() => {}, 1_000);
