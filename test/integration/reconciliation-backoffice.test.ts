import { describe, expect, it } from 'vitest';
import { counterConfig } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { inspect } from '../helpers/inspect-db';
import { drain } from '../helpers/pay-fast';
import { closeAfterEach, startPayNlCounter } from '../helpers/provider-harness';
import { paidAtPayNl } from '../helpers/provider-tests';

const cleanups = closeAfterEach();

describe('Settlement references reach the back-office', () => {
  it('once per payment after matching, through the outbox, and again only when a payout changes them', async () => {
    const server = await backofficeClosedAfter(cleanups);
    const harness = await startPayNlCounter({
      cleanups,
      engine: { backoffice: counterConfig(server, 'C1'), reconciliation: { schedule: false, pageGapMs: 0 } },
    });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 1_234, 'TH-1000-0001');
    await drain(counter.engine);
    const today = new Date().toISOString().slice(0, 10);
    fake.clearings.add({
      type: 'PAYMENT',
      transactionId: started.providerRef ?? '',
      reference: started.reference,
      amountMinor: 1_234,
      costsMinor: 21,
      currency: 'EUR',
      processedDate: today,
      clearingDate: today,
    });

    const run = await counter.call('reconciliation.importNow', {});
    expect(run.accounts).toContainEqual(expect.objectContaining({ provider: 'paynl', ok: true }));
    expect(run.matched).toBe(1);
    await drain(counter.engine);
    const held = server.store.settlementRefs.get(started.id);
    expect(held).toEqual({
      reference: started.reference,
      deliveries: 1,
      settlements: [
        expect.objectContaining({
          provider: 'paynl',
          type: 'payment',
          payoutId: fake.clearings.clearingId(today),
          grossMinor: 1_234,
          feeMinor: 21,
          netMinor: 1_213,
          currency: 'EUR',
        }),
      ],
    });

    // Importing and matching again: nothing new is queued, nothing is delivered twice.
    await counter.call('reconciliation.importNow', {});
    await drain(counter.engine);
    expect(server.store.settlementRefs.get(started.id)?.deliveries).toBe(1);
    const queued = inspect(counter.dataDir)
      .outbox()
      .filter((m) => m.kind === 'settlement.refs');
    expect(queued.map((m) => m.aggregateId)).toEqual([started.id]);
  }, 30_000);
});
