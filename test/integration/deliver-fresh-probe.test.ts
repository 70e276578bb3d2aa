import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../electron/core/db/open-database';
import { createInvoiceRepository } from '../../electron/core/repositories/invoices';
import { createOutboxRepository, type OutboxRepository } from '../../electron/core/repositories/outbox';
import { createPaymentRepository } from '../../electron/core/repositories/payments';
import { type BackofficeClient, SyncError } from '../../electron/core/sync/backoffice-client';
import { deliverDue } from '../../electron/core/sync/deliver';
import { createLineState } from '../../electron/core/sync/line-state';
import { createOutboxQueue } from '../../electron/core/sync/outbox-queue';
import { tempDir } from '../helpers/test-engine';

/**
 * During an outage the oldest waiting message probes the line. A new approval that arrives just as
 * that probe falls due must still be tried at once (its own probe), not wait behind the probe for
 * the whole outage: when the line heals, the newest sale is not the last to know.
 */
let db: Db;
let outbox: OutboxRepository;
let line: ReturnType<typeof createLineState>;
const NOW = Date.parse('2026-11-23T08:00:00.000Z');

function enqueue(id: string, at = NOW) {
  outbox.enqueue(
    { kind: 'payment.receipt', aggregateId: id, idempotencyKey: `key-${id}`, payload: { paymentId: id, locale: 'nl' } },
    new Date(at).toISOString(),
  );
}

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  outbox = createOutboxRepository(db);
  line = createLineState(() => 0.5);
});
afterEach(() => db.close());

/** A back-office that gives no answer at all (the shop's line is down). */
function unreachable() {
  const calls: string[] = [];
  const client = {
    async putReceipt(paymentId: string) {
      calls.push(paymentId);
      throw new SyncError('network', 'connect ECONNREFUSED', null);
    },
  } as unknown as BackofficeClient;
  return { client, calls };
}

const deliver = (client: BackofficeClient, at: number) =>
  deliverDue({
    db,
    client,
    outbox,
    invoices: createInvoiceRepository(db),
    payments: createPaymentRepository(db),
    clock: { now: () => new Date(at) },
    random: () => 0.5,
    stationId: 'C1',
    renderReceipt: async () => Buffer.from('%PDF'),
    queue: createOutboxQueue(db),
    line,
  });

describe('a new message during an outage', () => {
  it('is tried at once even when the probe falls due in the same round; once, not every probe', async () => {
    enqueue('old-1');
    enqueue('old-2');
    const down = unreachable();
    const first = await deliver(down.client, NOW);
    expect(first.lineError?.kind).toBe('network');
    // The first failure is the line: the pass stops, the next message is not sent into it.
    expect(down.calls).toEqual(['old-1']);

    // A sale is approved just as the probe is due: the probe goes, and so does the new message.
    const probeAt = first.nextDueAt ?? NOW;
    enqueue('new-sale', probeAt);
    await deliver(down.client, probeAt);
    expect(down.calls).toEqual(['old-1', 'old-1', 'new-sale']);

    // It was tried: from now on it waits its turn like the others, one probe per round.
    const third = await deliver(down.client, probeAt);
    await deliver(down.client, (third.nextDueAt ?? probeAt) + 1);
    expect(down.calls).toEqual(['old-1', 'old-1', 'new-sale', 'old-2', 'old-1']);
  });
});
