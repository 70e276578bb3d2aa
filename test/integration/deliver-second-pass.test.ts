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

/** Within one delivery pass, a message the back-office refused with a 5xx gets a second try. */
let db: Db;
let outbox: OutboxRepository;
let line: ReturnType<typeof createLineState>;
const NOW = Date.parse('2026-11-23T08:00:00.000Z');
beforeEach(() => {
  db = openDatabase(join(tempDir(), 'kassa.sqlite'));
  outbox = createOutboxRepository(db);
  line = createLineState(() => 0.5);
  for (const id of ['p1', 'p2', 'p3']) {
    outbox.enqueue(
      {
        kind: 'payment.receipt',
        aggregateId: id,
        idempotencyKey: `key-${id}`,
        payload: { paymentId: id, locale: 'nl' },
      },
      new Date(NOW).toISOString(),
    );
  }
});
afterEach(() => db.close());

type Answer = 'ok' | SyncError;
/** A back-office whose answer to each receipt upload is scripted per payment, in order. */
function scripted(script: Record<string, Answer[]>) {
  const calls: { paymentId: string; key: string }[] = [];
  const client = {
    async putReceipt(paymentId: string, _pdf: Buffer, key: string) {
      calls.push({ paymentId, key });
      const answer = script[paymentId]?.shift() ?? 'ok';
      if (answer !== 'ok') throw answer;
      return {};
    },
  } as unknown as BackofficeClient;
  return { client, calls };
}

const deliver = (client: BackofficeClient, at = NOW) =>
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
const unavailable = () => new SyncError('server', '503 unavailable', null);
const tries = (calls: { paymentId: string }[], id: string) => calls.filter((c) => c.paymentId === id).length;

describe('the second pass of a delivery round', () => {
  it('delivers a message refused once with a 5xx in the same round, under the same Idempotency-Key', async () => {
    const { client, calls } = scripted({ p2: [unavailable()] });
    const result = await deliver(client);
    expect(result).toMatchObject({ delivered: 3, failed: 0, lineError: null, lastError: null });
    expect(calls.filter((c) => c.paymentId === 'p2').map((c) => c.key)).toEqual(['key-p2', 'key-p2']);
    expect(outbox.depth()).toBe(0);
  });

  it('tries a refused message only twice per round; then it backs off on its own', async () => {
    const { client, calls } = scripted({ p2: [unavailable(), unavailable(), unavailable()] });
    const result = await deliver(client);
    expect(result).toMatchObject({ delivered: 2, failed: 1, lineError: null });
    expect(result.lastError?.kind).toBe('server');
    expect(tries(calls, 'p2')).toBe(2);
    expect(outbox.head()?.attempts).toBe(2);
    expect(result.nextDueAt).toBeGreaterThan(NOW);

    // Another round before it is due does not send it again; once due, it goes.
    await deliver(client, NOW + 100);
    expect(tries(calls, 'p2')).toBe(2);
    const later = await deliver(client, result.nextDueAt ?? NOW);
    expect(tries(calls, 'p2')).toBe(3);
    expect(later.failed).toBe(1);
  });

  it('gives no second try when nothing got through, nor to a refusal that asks to wait (Retry-After)', async () => {
    const allDown = scripted({ p1: [unavailable()], p2: [unavailable()], p3: [unavailable()] });
    expect(await deliver(allDown.client)).toMatchObject({ delivered: 0, failed: 3 });
    expect(allDown.calls).toHaveLength(3);

    db.prepare('UPDATE outbox SET next_attempt_at = NULL, attempts = 0').run();
    const waitAsked = scripted({ p2: [new SyncError('server', '503 unavailable', 2_000)] });
    expect(await deliver(waitAsked.client)).toMatchObject({ delivered: 2, failed: 1 });
    expect(tries(waitAsked.calls, 'p2')).toBe(1);
  });

  it('a lone request without an answer waits for its own next attempt; two in a row stop the pass', async () => {
    const noAnswer = () => new SyncError('network', 'socket closed', null);
    const lone = scripted({ p2: [noAnswer()] });
    const result = await deliver(lone.client);
    expect(result).toMatchObject({ delivered: 2, failed: 1, lineError: null });
    expect(tries(lone.calls, 'p2')).toBe(1);

    db.prepare('UPDATE outbox SET next_attempt_at = NULL, attempts = 0').run();
    const down = scripted({ p2: [noAnswer()], p3: [noAnswer()] });
    db.prepare("UPDATE outbox SET state = 'waiting', delivered_at = NULL").run();
    const stopped = await deliver(down.client);
    expect(stopped.lineError?.kind).toBe('network');
    expect(down.calls.map((c) => c.paymentId)).toEqual(['p1', 'p2', 'p3']);
  });
});
