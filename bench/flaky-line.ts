import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startBackofficeServer } from '../backoffice/server';
import { openBackofficeStore } from '../backoffice/store';
import { generateDemoData } from '../demo/books/demo-data';
import { openDatabase } from '../electron/core/db/open-database';
import { createEngine } from '../electron/core/engine';
import { createOutboxRepository } from '../electron/core/repositories/outbox';
import type { Report } from './results';

/** kinds: 0 = 503, 1 = 429 with Retry-After: 1, 2 = reset before the back-office, 3 = answer lost after the commit. */
type Mode = { rate: number; down: boolean; kinds: number[] };

/** A proxy in front of the back-office that fails a share of requests the ways a bad line does. */
function faultProxy(target: string, mode: Mode): Promise<Server & { url: string }> {
  const to = new URL(target);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const server = createServer((req, res) => {
    if (mode.down) return void req.socket.destroy();
    const fault = random() < mode.rate ? (mode.kinds[Math.floor(random() * mode.kinds.length)] ?? -1) : -1;
    if (fault === 0) return void res.writeHead(503, { 'Content-Type': 'application/problem+json' }).end('{}');
    if (fault === 1) return void res.writeHead(429, { 'Retry-After': '1' }).end('{}');
    if (fault === 2) return void req.socket.destroy(); // reset before the back-office sees it
    const upstream = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (fault === 3) {
          answer.resume();
          answer.on('end', () => req.socket.destroy()); // committed there, answer lost here
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
    ),
  );
}

/**
 * 144 waiting payments delivered over a clean line, then over a line failing 30 % of requests
 * (503, 429 + Retry-After, resets, answers lost after the commit), then after a 10 s outage: how long
 * from the line healing until the backlog moves.
 */
export async function benchFlakyLine(dir: string, report: Report, batch = 144): Promise<void> {
  const store = openBackofficeStore(join(dir, 'backoffice.sqlite'));
  const data = generateDemoData({ customers: 3, today: new Date() });
  store.seed(data.customers, data.invoices);
  const token = 'bench-token-123456';
  const server = await startBackofficeServer({ store, stations: { C1: token } });
  const mode: Mode = { rate: 0, down: false, kinds: [0, 1, 2, 3] };
  const proxy = await faultProxy(server.url, mode);
  const open = store.invoicesAfter(0, 100_000).filter((i) => i.customerId === 'cust-100001' && i.outstandingMinor > 10);
  const counterDir = join(dir, 'counter');
  const engine = createEngine({
    dataDir: counterDir,
    demo: false,
    autoSync: true,
    syncIntervalMs: 60_000,
    backoffice: { url: proxy.url, stationId: 'C1', token },
    log: () => {},
  });
  await engine.start();
  const db = openDatabase(join(counterDir, 'kassa.sqlite'));
  const outbox = createOutboxRepository(db);
  let next = 0;
  const enqueue = () => {
    db.transaction(() => {
      for (let n = 0; n < batch; n++, next++) {
        const invoice = open[next % open.length];
        if (!invoice) throw new Error('no invoice');
        const payload = {
          paymentId: `flaky-${next}`,
          reference: `KS-FLAKY-${next}`,
          customerId: 'cust-100001',
          amount: { minor: 1, currency: 'EUR' },
          method: 'card_terminal',
          provider: 'sandbox',
          providerRef: null,
          terminalId: 'sandbox-1',
          card: null,
          allocations: [{ invoiceId: invoice.id, amountMinor: 1 }],
          approvedAt: new Date().toISOString(),
        };
        outbox.enqueue(
          { kind: 'payment.approved', aggregateId: payload.paymentId, idempotencyKey: `flaky-key-${next}`, payload },
          new Date().toISOString(),
        );
      }
    })();
    engine.sync.wake();
  };
  const until = async (count: number, guardMs: number) => {
    const start = performance.now();
    while (store.paymentCount() < count && performance.now() - start < guardMs)
      await new Promise((r) => setTimeout(r, 10));
    return performance.now() - start;
  };

  enqueue();
  const cleanRate = batch / ((await until(batch, 120_000)) / 1000);
  mode.rate = 0.3;
  enqueue();
  const faultyMs = await until(2 * batch, 150_000);
  const faultyDelivered = store.paymentCount() - batch;
  const faultyRate = faultyDelivered / (faultyMs / 1000);
  // The same without 429s: what the per-message backoff alone costs (a 429's Retry-After pauses the
  // whole endpoint, as it asks, and bounds the rate by itself).
  mode.kinds = [0, 2, 3];
  enqueue();
  const no429Ms = await until(3 * batch, 150_000);
  const no429Rate = (store.paymentCount() - 2 * batch) / (no429Ms / 1000);
  mode.kinds = [0, 1, 2, 3];

  mode.rate = 0;
  mode.down = true;
  const before = store.paymentCount();
  enqueue();
  await new Promise((r) => setTimeout(r, 10_000));
  mode.down = false;
  const healMs = await until(before + 1, 120_000);
  await until(before + batch, 120_000);

  report('flaky_line', {
    label: `deliver ${batch} waiting payments on a line failing 30 % of requests (through a fault proxy)`,
    value: faultyRate,
    unit: 'payments/s',
    baseline: { label: 'the same over the clean line, same run', value: cleanRate, unit: 'payments/s' },
    ratio: faultyRate / cleanRate,
    goal: '≥ 0.5× the clean rate',
    met: faultyRate / cleanRate >= 0.5 && faultyDelivered === batch,
    detail: {
      delivered_while_faulty: faultyDelivered,
      faulty_seconds: Math.round(faultyMs) / 1000,
      rate_without_429_per_s: Math.round(no429Rate * 100) / 100,
      ratio_without_429: Math.round((no429Rate / cleanRate) * 100) / 100,
    },
  });
  report('line_heal', {
    label: 'after a 10 s outage, line healed → first waiting payment delivered',
    value: healMs,
    unit: 'ms',
    goal: '< 2,000 ms',
    met: healMs < 2_000,
  });
  db.close();
  await engine.close();
  await new Promise((r) => proxy.close(r));
  await server.close();
  store.close();
}
