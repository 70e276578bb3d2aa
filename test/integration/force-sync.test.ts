import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import { counterEngine, startTestBackoffice } from '../helpers/backoffice';
import { payAndWait } from '../helpers/pay-fast';

let server: BackofficeServer | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  await server?.close();
  server?.store.close();
  engine = null;
  server = null;
});

describe('"Sync now" pressed while a sync cycle is running', () => {
  it('runs a forced cycle right after it, delivering a payment that is backing off', async () => {
    server = await startTestBackoffice({ customers: 3 });
    engine = counterEngine(server, 'C1');
    await engine.start();
    const open = (await engine.dispatch('invoices.open', { customerId: 'cust-100001' })) as {
      ok: true;
      value: { id: string; outstandingMinor: number }[];
    };
    const invoice = open.value[0];
    if (!invoice) throw new Error('no open invoice');

    // The back-office asks the counter to come back in a minute: the payment backs off.
    server.faults.set({ rate: 1, kinds: ['rate_limit'], retryAfterSeconds: 60, seed: 1 });
    const paid = await payAndWait(engine, {
      customerId: 'cust-100001',
      invoiceIds: [invoice.id],
      minor: invoice.outstandingMinor,
    });
    expect(paid.status).toBe('approved');
    await engine.sync.runCycle();
    expect(server.store.payments()).toHaveLength(0);
    expect(engine.status().sync.waiting).toBeGreaterThan(0);

    // The line is fine again but slow. A background cycle starts; it leaves the payment alone (it
    // backs off) and pulls slowly. The cashier presses "Sync now" while that pull is under way.
    server.faults.set({ rate: 1, kinds: ['latency'], latencyMs: 300, seed: 1 });
    const background = engine.sync.runCycle();
    let backgroundDone = false;
    void background.then(() => {
      backgroundDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backgroundDone).toBe(false);
    const syncNow = await engine.dispatch('sync.now', {});
    await background;

    expect(syncNow.ok).toBe(true);
    expect(server.store.payments().map((p) => p.paymentId)).toEqual([paid.id]);
    expect(engine.status().sync).toMatchObject({ waiting: 0, held: 0, lastError: null });
  }, 60_000);
});
