import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { STATIONS, startTestBackoffice } from '../helpers/backoffice';
import { drain, payAndWait } from '../helpers/pay-fast';
import { createTestEngine, tempDir } from '../helpers/test-engine';

/** KASSA_LONG_TESTS=1 runs the 200-kill version. */
const LONG = process.env.KASSA_LONG_TESTS === '1';
const KILLS = LONG ? 200 : 12;
const PAYMENTS = LONG ? 400 : 120;

let server: BackofficeServer | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  await server?.close();
  server?.store.close();
});

function killAfter(proc: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  const result = db.pragma('integrity_check', { simple: true }) as string;
  db.close();
  return result;
}

describe('a counter killed again and again while it drains its outbox', () => {
  it(`loses and duplicates nothing across ${KILLS} SIGKILLs`, async () => {
    server = await startTestBackoffice({ customers: 5 });
    const dataDir = tempDir();
    const config = { url: server.url, stationId: 'C1', token: STATIONS.C1 };

    // Take the payments while the back-office is unreachable, so they all wait in the outbox.
    const setup = createTestEngine({
      dataDir,
      demo: true,
      demoBesideRealForTests: true,
      backoffice: config,
      autoSync: false,
      sandboxPhaseMs: 1,
      pollIntervalMs: 1,
      log: () => {},
    });
    await setup.start();
    server.faults.set({ rate: 0, kinds: [], offline: true });
    const open = (await setup.dispatch('invoices.open', { customerId: 'cust-100001' })) as {
      ok: true;
      value: { id: string; outstandingMinor: number }[];
    };
    const taken = new Map<string, string>();
    for (const invoice of open.value.slice(0, PAYMENTS)) {
      const paid = await payAndWait(setup, {
        customerId: 'cust-100001',
        invoiceIds: [invoice.id],
        minor: invoice.outstandingMinor,
      });
      expect(paid.status).toBe('approved');
      taken.set(paid.id, invoice.id);
    }
    await setup.close();

    // Now drain in a child process, with lost answers and outages, killing it at random moments.
    server.faults.set({ rate: 0.3, kinds: ['lost_response', 'error_503', 'latency', 'drop'], latencyMs: 15, seed: 11 });
    let random = 12_345;
    let killsMidDrain = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const before = server.store.paymentCount();
      random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
      child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/helpers/sync-child.ts', dataDir, server.url, STATIONS.C1],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      await killAfter(child, 400 + (random % 1_400));
      expect(child.signalCode).toBe('SIGKILL');
      if (before < PAYMENTS && server.store.paymentCount() < PAYMENTS) killsMidDrain += 1;
    }

    // The children really were killed while work was left, and made progress in between.
    expect(server.store.paymentCount()).toBeGreaterThan(0);
    expect(killsMidDrain).toBeGreaterThanOrEqual(Math.min(KILLS, 5));

    server.faults.set({ rate: 0, kinds: [] });
    const final = createTestEngine({
      dataDir,
      demo: true,
      demoBesideRealForTests: true,
      backoffice: config,
      autoSync: false,
      log: () => {},
    });
    await final.start();
    await drain(final);
    await final.close();

    const atBackoffice = server.store.payments();
    expect(atBackoffice).toHaveLength(PAYMENTS);
    expect(new Set(atBackoffice.map((p) => p.paymentId))).toEqual(new Set(taken.keys()));
    for (const payment of atBackoffice) {
      expect(payment.record.allocations).toEqual([
        { invoiceId: taken.get(payment.paymentId), amountMinor: payment.record.amount.minor },
      ]);
      expect(server.store.invoice(taken.get(payment.paymentId) ?? '')?.outstandingMinor).toBe(0);
      expect(payment.hasReceipt).toBe(true);
    }
    expect(integrity(join(dataDir, 'kassa.sqlite'))).toBe('ok');
  }, 600_000);
});
