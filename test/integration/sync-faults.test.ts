import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import { counterEngine, startTestBackoffice } from '../helpers/backoffice';
import { drain, payAndWait } from '../helpers/pay-fast';

let server: BackofficeServer | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  await server?.close();
  server?.store.close();
  engine = null;
  server = null;
});

describe('delivery to a back-office that fails a third of the time', () => {
  it('delivers 1,000 payments exactly once with every allocation intact', async () => {
    server = await startTestBackoffice({ customers: 5 });
    engine = counterEngine(server, 'C1');
    await engine.start();
    const invoices = (await engine.dispatch('invoices.open', { customerId: 'cust-100001' })) as {
      ok: true;
      value: { id: string; outstandingMinor: number }[];
    };
    const chosen = invoices.value.slice(0, 1_000);
    expect(chosen).toHaveLength(1_000);

    server.faults.set({
      rate: 1 / 3,
      kinds: ['latency', 'error_500', 'error_503', 'rate_limit', 'drop', 'lost_response'],
      latencyMs: 20,
      retryAfterSeconds: 0,
      seed: 7,
    });
    for (const invoice of chosen) {
      const paid = await payAndWait(engine, {
        customerId: 'cust-100001',
        invoiceIds: [invoice.id],
        minor: invoice.outstandingMinor,
      });
      expect(paid.status).toBe('approved');
    }
    await drain(engine);

    const atBackoffice = server.store.payments();
    expect(atBackoffice).toHaveLength(1_000);
    expect(new Set(atBackoffice.map((p) => p.paymentId)).size).toBe(1_000);
    expect(atBackoffice.every((p) => p.hasReceipt)).toBe(true);
    const allocated = atBackoffice.flatMap((p) => p.record.allocations);
    expect(allocated.map((a) => a.invoiceId).sort()).toEqual(chosen.map((i) => i.id).sort());
    for (const invoice of chosen) expect(server.store.invoice(invoice.id)?.outstandingMinor).toBe(0);
    for (const kind of ['error_500', 'error_503', 'rate_limit', 'drop', 'lost_response'] as const) {
      expect(server.faults.injected[kind]).toBeGreaterThan(0);
    }
    expect(engine.status().sync, JSON.stringify(await engine.dispatch('sync.items', {}))).toMatchObject({
      waiting: 0,
      held: 0,
    });
  }, 240_000);
});
