import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import type { PaymentDto } from '../../shared/api/schemas';
import { payTraceEnv, startPayTraceCounter, wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach, settled, until } from '../helpers/provider-harness';
import type { TestEngine } from '../helpers/test-engine';

/**
 * Whether a PayTrace sale's batch has settled decides the screen's void (open batch) or refund
 * (settled). What Kassa learned is kept on disk: a restart offers the right one without a batch
 * import, an "unsettled" from before PayTrace's batch close (8 p.m. Pacific) is asked again, and a
 * settled batch the import stored stays settled. The close time itself, and an answer's age on a
 * moved clock: paytrace-batch-close.test.ts.
 */

const cleanups = closeAfterEach();
const BY_ID = '/v1/transactions/export/by_id';

const voidOnly = (p: PaymentDto) => p.voidable && p.refundKinds.length === 0;
const refundOnly = (p: PaymentDto) => !p.voidable && p.refundKinds.join() === 'online';

async function paid(counter: TestEngine, minor: number): Promise<PaymentDto> {
  const [invoice] = await counter.call('invoices.open', { customerId: 'cust-us-1001' });
  const started = await counter.call('payments.start', {
    requestId: randomUUID(),
    customerId: 'cust-us-1001',
    invoiceIds: [invoice?.id ?? ''],
    amount: { minor, currency: 'USD' },
    terminalId: 'paytrace-card',
  });
  const done = await counter.waitForPayment(started.id, settled);
  if (done.status !== 'approved') throw new Error(`not approved: ${done.status}`);
  return done;
}

/**
 * A real counter process charges a card on file (test/helpers/paytrace-crash-child.ts); once its
 * SQLite file says approved it is SIGKILLed, so nothing it held in memory survives.
 */
async function saleInKilledChild(dataDir: string, backofficeUrl: string, fake: PayTraceFake) {
  const args = ['--import', 'tsx', 'test/helpers/paytrace-crash-child.ts', dataDir, backofficeUrl];
  const child = spawn(process.execPath, [...args, JSON.stringify(payTraceEnv(fake)), 'cust-us-1001', 'paytrace-card'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  for await (const line of createInterface({ input: child.stdout })) if (line.startsWith('{')) break;
  const file = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
  const approved = () =>
    file.prepare("SELECT id, reference FROM payments WHERE status = 'approved'").get() as
      | { id: string; reference: string }
      | undefined;
  try {
    await until(() => approved() !== undefined, 15_000);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const payment = approved();
    if (!payment) throw new Error('no approved payment');
    return payment;
  } finally {
    file.close();
  }
}

/** The counter's own SQLite file, opened as an auditor (or an older Kassa) would. */
function withFile<T>(dataDir: string, use: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'kassa.sqlite'));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const keptState = (dataDir: string, reference: string) =>
  withFile(
    dataDir,
    (db) =>
      db
        .prepare('SELECT state, batch_number AS batchNumber, source FROM paytrace_settlement_state WHERE reference = ?')
        .get(reference) as { state: string; batchNumber: number | null; source: string } | undefined,
  );

describe('the void-or-refund choice after a restart, without a batch import', () => {
  it('a counter killed (SIGKILL) after a sale and started again offers the void only; the void goes through', async () => {
    const { counter, fake, server, restart } = await startPayTraceCounter(cleanups);
    await counter.close();
    const sale = await saleInKilledChild(counter.dataDir, server.url, fake);

    const again = await restart();
    const payment = await again.waitForPayment(sale.id, voidOnly, 5_000);
    expect(payment.status).toBe('approved');
    // Kept by the killed process when PayTrace answered the sale.
    expect(keptState(again.dataDir, sale.reference)).toMatchObject({ state: 'unsettled' });
    const voided = await again.call('payments.void', {
      requestId: randomUUID(),
      paymentId: sale.id,
      note: 'Wrong card',
    });
    expect(voided.status).toBe('voided');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(1);
    expect(withFile(again.dataDir, (db) => db.prepare('SELECT count(*) AS n FROM settlement_rows').get())).toEqual({
      n: 0,
    });
    expect(wireProblems(fake.seen)).toEqual([]);
  });

  it('an "unsettled" learned before PayTrace’s batch close is asked again on start: the batch settled, so refund only', async () => {
    const { counter, fake, server, restart } = await startPayTraceCounter(cleanups);
    await counter.close();
    const sale = await saleInKilledChild(counter.dataDir, server.url, fake);
    const batch = fake.settleBatch();
    // The counter was off across the 8 p.m. close: what it learned at the sale is from before it.
    withFile(counter.dataDir, (db) =>
      db
        .prepare(
          "UPDATE paytrace_settlement_state SET learned_at = strftime('%Y-%m-%dT%H:%M:%fZ', learned_at, '-25 hours') WHERE reference = ?",
        )
        .run(sale.reference),
    );
    const before = fake.seen.length;

    const again = await restart();
    await again.waitForPayment(sale.id, refundOnly, 5_000);
    const asked = fake.seen.slice(before).filter((r) => r.path === BY_ID);
    expect(asked.map((r) => (r.body as { transaction_id: number }).transaction_id)).toEqual([fake.sales()[0]?.id]);
    expect(keptState(again.dataDir, sale.reference)).toEqual({
      state: 'settled',
      batchNumber: batch?.number,
      source: 'export',
    });
    const refunded = await again.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: sale.id,
      amount: { minor: 12_500, currency: 'USD' },
      kind: 'online',
      reason: 'Returned',
    });
    expect(refunded.status).toBe('refunded');
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/void')).toHaveLength(0);
  });

  it('a sale Kassa never learned the batch of (kept by an older version) is asked about on start and the answer kept', async () => {
    const { counter, fake, restart } = await startPayTraceCounter(cleanups);
    const sale = await paid(counter, 4_000);
    await counter.close();
    withFile(counter.dataDir, (db) => db.prepare('DELETE FROM paytrace_settlement_state').run());
    const before = fake.seen.length;

    const again = await restart();
    await again.waitForPayment(sale.id, voidOnly, 5_000);
    expect(fake.seen.slice(before).filter((r) => r.path === BY_ID)).toHaveLength(1);
    expect(keptState(again.dataDir, sale.reference)).toEqual({
      state: 'unsettled',
      batchNumber: null,
      source: 'export',
    });
  });
});

describe('the provider’s background asks, awaited', () => {
  it('providersIdle resolves only after an ask the screen started in the background has kept its answer', async () => {
    const { counter, fake } = await startPayTraceCounter(cleanups);
    const sale = await paid(counter, 4_100);
    await counter.engine.providersIdle();
    // Forgotten (as by an older version): showing the payment asks PayTrace, in the background.
    withFile(counter.dataDir, (db) => db.prepare('DELETE FROM paytrace_settlement_state').run());
    const before = fake.seen.length;
    await counter.call('payments.get', { paymentId: sale.id });
    await counter.engine.providersIdle();
    expect(fake.seen.slice(before).filter((r) => r.path === BY_ID)).toHaveLength(1);
    expect(keptState(counter.dataDir, sale.reference)).toEqual({
      state: 'unsettled',
      batchNumber: null,
      source: 'export',
    });
  });
});

describe('a settled batch the import stored', () => {
  it('stays settled across a restart: refund only, the void refused, and PayTrace not asked', async () => {
    const { counter, fake, restart } = await startPayTraceCounter(cleanups);
    const sale = await paid(counter, 8_800);
    expect(sale).toMatchObject({ voidable: true, refundKinds: [] });
    fake.settleBatch();
    const run = await counter.call('reconciliation.importNow', {});
    expect(run.accounts).toMatchObject([{ provider: 'paytrace', ok: true, changed: 1, error: null }]);
    expect(refundOnly(await counter.call('payments.get', { paymentId: sale.id }))).toBe(true);
    await counter.close();
    const before = fake.seen.length;

    const again = await restart();
    expect(await again.call('payments.get', { paymentId: sale.id })).toMatchObject({
      voidable: false,
      refundKinds: ['online'],
    });
    const refusal = await again.refusal('payments.void', {
      requestId: randomUUID(),
      paymentId: sale.id,
      note: 'Charged twice',
    });
    expect(refusal).toMatchObject({ code: 'cannot_void', params: { reason: 'settled' } });
    // Every ask the start, the screens and the void may have begun in the background is over.
    await again.engine.providersIdle();
    expect(fake.seen.slice(before).filter((r) => r.path.includes('/export/'))).toEqual([]);
    // Read from the import's own rows: nothing was copied into the PayTrace table.
    expect(keptState(again.dataDir, sale.reference)?.state).toBe('unsettled');
  });
});
