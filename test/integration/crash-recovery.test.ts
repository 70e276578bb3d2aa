import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { inspect } from '../helpers/inspect-db';
import { createTestEngine, tempDir } from '../helpers/test-engine';

interface Placed {
  paymentId: string;
  status?: string;
  invoiceId: string;
  outstanding: number;
  amount: number;
}

const PHASE_MS = 200;
let child: ChildProcess | null = null;
let engine: Engine | null = null;

afterEach(async () => {
  child?.kill('SIGKILL');
  await engine?.close();
  child = null;
  engine = null;
});

/** Runs a real engine in a child process up to the chosen point and returns what it printed. */
async function runChildUntilPlaced(dataDir: string, scenario: 'waiting' | 'lost' | 'recorded'): Promise<Placed> {
  child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/crash-child.ts', dataDir, scenario], {
    env: { ...process.env, PHASE_MS: String(PHASE_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith('{')) return JSON.parse(line) as Placed;
  }
  throw new Error('child exited before placing the payment');
}

async function killHard(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

function restart(dataDir: string): Engine {
  engine = createTestEngine({
    dataDir,
    demo: true,
    demoCustomers: 40,
    sandboxPhaseMs: PHASE_MS,
    pollIntervalMs: 20,
    log: () => {},
  });
  return engine;
}

async function settled(e: Engine, paymentId: string) {
  for (let i = 0; i < 500; i++) {
    const result = await e.dispatch('payments.get', { paymentId });
    if (!result.ok) throw new Error(result.error.code);
    const p = result.value as { status: string };
    if (!['recorded', 'sent', 'pending', 'unknown'].includes(p.status)) return p;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('payment never settled');
}

describe('crash recovery with a real process killed by SIGKILL', () => {
  it('resolves a payment killed while waiting for the card: approved exactly once, before any new payment', async () => {
    const dataDir = tempDir();
    const placed = await runChildUntilPlaced(dataDir, 'waiting');
    expect(placed.status).toBe('pending');
    await killHard(child as ChildProcess);

    const e = restart(dataDir);
    const blocked = await e.dispatch('payments.start', {
      requestId: crypto.randomUUID(),
      customerId: 'cust-100003',
      invoiceIds: [],
      amount: { minor: 100, currency: 'EUR' },
      terminalId: 'sandbox-2',
    });
    expect(blocked.ok === false && blocked.error.code).toBe('recovery_in_progress');

    await e.start();
    const final = await settled(e, placed.paymentId);
    expect(final.status).toBe('approved');

    const db = inspect(dataDir);
    expect(db.terminalTransactions()).toBe(1);
    expect(db.outbox().filter((m) => m.aggregateId === placed.paymentId && m.kind === 'payment.approved')).toHaveLength(
      1,
    );
    expect(db.outstanding(placed.invoiceId)).toBe(placed.outstanding - placed.amount);
    db.close();
  });

  it('finds out that the terminal approved while Kassa was down', async () => {
    const dataDir = tempDir();
    const placed = await runChildUntilPlaced(dataDir, 'waiting');
    await killHard(child as ChildProcess);
    await new Promise((r) => setTimeout(r, PHASE_MS * 15)); // the slow scenario ends at 14 phases

    const e = restart(dataDir);
    await e.start();
    const result = await e.dispatch('payments.get', { paymentId: placed.paymentId });
    expect(result.ok && (result.value as { status: string }).status).toBe('approved');
    const db = inspect(dataDir);
    expect(db.outstanding(placed.invoiceId)).toBe(placed.outstanding - placed.amount);
    expect(db.events(placed.paymentId).filter((ev) => ev.event === 'send')).toHaveLength(1);
    db.close();
  });

  it('resolves a lost start answer after a crash by status query, never by sending again', async () => {
    const dataDir = tempDir();
    const placed = await runChildUntilPlaced(dataDir, 'lost');
    expect(placed.status).toBe('unknown');
    await killHard(child as ChildProcess);

    const e = restart(dataDir);
    await e.start();
    expect((await settled(e, placed.paymentId)).status).toBe('approved');
    const db = inspect(dataDir);
    expect(db.terminalTransactions()).toBe(1);
    expect(db.events(placed.paymentId).filter((ev) => ev.event === 'send')).toHaveLength(1);
    db.close();
  });

  it('closes an attempt that was recorded but never sent, without charging', async () => {
    const dataDir = tempDir();
    const placed = await runChildUntilPlaced(dataDir, 'recorded');
    await new Promise((resolve) => (child as ChildProcess).once('exit', resolve));
    expect((child as ChildProcess).signalCode).toBe('SIGKILL');

    const e = restart(dataDir);
    await e.start();
    const result = await e.dispatch('payments.get', { paymentId: placed.paymentId });
    expect(result.ok && result.value).toMatchObject({ status: 'failed', failureReason: 'never_sent' });
    const db = inspect(dataDir);
    expect(db.terminalTransactions()).toBe(0);
    expect(db.outstanding(placed.invoiceId)).toBe(placed.outstanding);
    db.close();
    // The terminal is free again.
    const status = await e.dispatch('terminals.list', {});
    expect(status.ok && (status.value as { id: string; busy: boolean }[]).find((t) => t.id === 'sandbox-1')?.busy).toBe(
      false,
    );
  });
});
