import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemoIfEmpty } from '../demo/books/seed-demo';
import { openDatabase } from '../electron/core/db/open-database';
import { createAttemptRecorder } from '../electron/core/payments/record-attempt';
import { createCustomerRepository } from '../electron/core/repositories/customers';
import { createInvoiceRepository } from '../electron/core/repositories/invoices';
import { createPaymentRepository } from '../electron/core/repositories/payments';
import { createSettingsRepository } from '../electron/core/repositories/settings';
import { ms, percentile, timeSync } from './stats';

/**
 * The payment attempt commit (validation, allocation, payment + allocations + evidence rows, one
 * WAL+FULL transaction) next to the cheapest durable insert better-sqlite3 can do on the same disk.
 */
export function benchDurableCommit(dir: string, count = 2_000): void {
  const db = openDatabase(join(dir, 'kassa.sqlite'));
  const customers = createCustomerRepository(db);
  const invoices = createInvoiceRepository(db);
  const payments = createPaymentRepository(db);
  seedDemoIfEmpty(
    db,
    { customers, invoices, settings: createSettingsRepository(db) },
    { today: new Date(), customers: 20 },
  );
  const recorder = createAttemptRecorder({
    db,
    customers,
    invoices,
    payments,
    clock: { now: () => new Date() },
    stationId: () => 'B1',
  });
  const open = invoices.openForCustomer('cust-100001');

  const attempt: number[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = open[i % open.length];
    if (!invoice) throw new Error('no invoice');
    attempt.push(
      timeSync(() =>
        recorder.record(
          {
            requestId: randomUUID(),
            customerId: 'cust-100001',
            invoiceIds: [invoice.id],
            amount: { minor: 1, currency: 'EUR' },
            terminalId: `bench-${i}`,
          },
          { provider: 'sandbox', kind: 'terminal', currencies: null },
        ),
      ),
    );
  }
  db.close();

  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, body TEXT)');
  const insert = raw.prepare('INSERT INTO t (k, body) VALUES (?, ?)');
  const body = JSON.stringify({ payload: 'x'.repeat(220) });
  const plain: number[] = [];
  for (let i = 0; i < count; i++) plain.push(timeSync(() => insert.run(randomUUID(), body)));
  raw.close();

  const [a50, a99, r50, r99] = [
    percentile(attempt, 50),
    percentile(attempt, 99),
    percentile(plain, 50),
    percentile(plain, 99),
  ];
  console.log(`durable payment-attempt commit (${count}x): p50 ${ms(a50)}, p99 ${ms(a99)}`);
  console.log(`raw better-sqlite3 durable insert (${count}x): p50 ${ms(r50)}, p99 ${ms(r99)}`);
  console.log(`  ratio attempt/raw: p50 ${(a50 / r50).toFixed(2)}x, p99 ${(a99 / r99).toFixed(2)}x`);
}
