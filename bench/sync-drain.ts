import { join } from 'node:path';
import { startBackofficeServer } from '../backoffice/server';
import { openBackofficeStore } from '../backoffice/store';
import { generateDemoData } from '../demo/books/demo-data';
import { openDatabase } from '../electron/core/db/open-database';
import { createEngine } from '../electron/core/engine';
import { createOutboxRepository } from '../electron/core/repositories/outbox';
import type { Report } from './results';

/**
 * Draining 10,000 queued payments to the reference back-office on loopback, next to raw
 * keep-alive POSTs of the same kind of record to the same server: the ratio is Kassa's overhead
 * (outbox reads, durable delivery marks, answer parsing, invoice updates).
 */
export async function benchSyncDrain(dir: string, report: Report, count = 10_000, rawCount = 2_000): Promise<void> {
  const store = openBackofficeStore(join(dir, 'backoffice.sqlite'));
  const data = generateDemoData({ customers: 3, today: new Date() });
  store.seed(data.customers, data.invoices);
  const token = 'bench-token-123456';
  const server = await startBackofficeServer({ store, stations: { C1: token, B1: token } });
  const open = store.invoicesAfter(0, 100_000).filter((i) => i.customerId === 'cust-100001' && i.outstandingMinor > 10);

  const record = (i: number, station: string) => {
    const invoice = open[i % open.length];
    if (!invoice) throw new Error('no invoice');
    return {
      paymentId: `${station}-${i}`,
      reference: `KS-${station}-BENCH-${i}`,
      stationId: station,
      customerId: 'cust-100001',
      amount: { minor: 1, currency: 'EUR' },
      method: 'card_terminal' as const,
      provider: 'sandbox',
      providerRef: null,
      terminalId: 'sandbox-1',
      card: null,
      allocations: [{ invoiceId: invoice.id, amountMinor: 1 }],
      approvedAt: new Date().toISOString(),
    };
  };

  // Baseline: the same server, plain fetch with keep-alive, one record after another.
  const rawStart = performance.now();
  for (let i = 0; i < rawCount; i++) {
    const response = await fetch(`${server.url}/v1/payments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Kassa-Station': 'B1',
        'Idempotency-Key': `raw-key-${i}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(record(i, 'B1')),
    });
    if (response.status !== 201) throw new Error(`raw POST failed: ${response.status}`);
    await response.arrayBuffer();
  }
  const rawPerSecond = rawCount / ((performance.now() - rawStart) / 1000);

  // Kassa: the outbox filled as the ledger fills it, drained by the sync engine.
  const counterDir = join(dir, 'counter');
  const engine = createEngine({
    dataDir: counterDir,
    demo: false,
    autoSync: false,
    backoffice: { url: server.url, stationId: 'C1', token },
    log: () => {},
  });
  await engine.start();
  const db = openDatabase(join(counterDir, 'kassa.sqlite'));
  const outbox = createOutboxRepository(db);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const { stationId: _s, ...payload } = record(i, 'C1');
      outbox.enqueue(
        { kind: 'payment.approved', aggregateId: payload.paymentId, idempotencyKey: `bench-key-${i}`, payload },
        new Date().toISOString(),
      );
    }
  })();
  db.close();
  const start = performance.now();
  while (engine.status().sync.waiting > 0) await engine.sync.runCycle(true);
  const perSecond = count / ((performance.now() - start) / 1000);
  if (store.paymentCount() !== count + rawCount) {
    const items = await engine.dispatch('sync.items', {});
    throw new Error(`not every payment arrived: ${store.paymentCount()} ${JSON.stringify(items).slice(0, 400)}`);
  }

  report('drain', {
    label: `drain ${count} queued payments to the back-office (loopback)`,
    value: perSecond,
    unit: 'payments/s',
    baseline: {
      label: `raw keep-alive POSTs of the same records, same server (${rawCount}x)`,
      value: rawPerSecond,
      unit: 'requests/s',
    },
    ratio: perSecond / rawPerSecond,
    goal: '≥ 0.9× raw',
    met: perSecond / rawPerSecond >= 0.9,
  });
  await engine.close();
  await server.close();
  store.close();
}
