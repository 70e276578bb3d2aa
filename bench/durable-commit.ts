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
import type { Report } from './results';
import { percentile, timeSync } from './stats';

/**
 * The payment attempt commit (validation, allocation, payment + allocations + evidence rows, one
 * WAL+FULL transaction) next to the cheapest durable insert better-sqlite3 can do on the same disk,
 * interleaved (one of each in turn) so that both see the same disk and the same neighbours.
 */
export function benchDurableCommit(dir: string, report: Report, count = 2_000): void {
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

  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, body TEXT)');
  const insert = raw.prepare('INSERT INTO t (k, body) VALUES (?, ?)');
  const body = JSON.stringify({ payload: 'x'.repeat(220) });

  const attempt: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = open[i % open.length];
    if (!invoice) throw new Error('no invoice');
    plain.push(timeSync(() => insert.run(randomUUID(), body)));
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
  raw.close();

  const [a50, a99, r50, r99] = [
    percentile(attempt, 50),
    percentile(attempt, 99),
    percentile(plain, 50),
    percentile(plain, 99),
  ];
  const baseline = (value: number) => ({ label: 'raw WAL+FULL single-row insert, same run', value, unit: 'ms' });
  report('commit_p50', {
    label: `durable payment-attempt commit p50 (${count}x, interleaved)`,
    value: a50,
    unit: 'ms',
    baseline: baseline(r50),
    ratio: a50 / r50,
    goal: '≤ 1.3× raw at p50',
    met: a50 / r50 <= 1.3,
  });
  report('commit_p99', {
    label: `durable payment-attempt commit p99 (${count}x, interleaved)`,
    value: a99,
    unit: 'ms',
    baseline: baseline(r99),
    ratio: a99 / r99,
    goal: '≤ 1.6× raw at p99',
    met: a99 / r99 <= 1.6,
  });
}
