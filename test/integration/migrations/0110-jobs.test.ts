import { describe, expect, it } from 'vitest';
import { createJobRepository } from '../../../electron/core/jobs/job-repository';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0110 (jobs): durable print, e-mail and webhook jobs', () => {
  it('keeps every payment, customer and setting, and starts with an empty queue', () => {
    const { db } = openDatabaseAt(100);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved' });
    insertPaymentOf0010(db, { id: 'p2', status: 'refunded' });
    db.prepare("INSERT INTO settings (key, value) VALUES ('counter.stationId', 'C2')").run();

    migrateTo(db, 110);

    expect(db.prepare('SELECT id, status FROM payments ORDER BY id').all()).toEqual([
      { id: 'p1', status: 'approved' },
      { id: 'p2', status: 'refunded' },
    ]);
    expect(db.prepare('SELECT id FROM customers').all()).toEqual([{ id: 'c1' }]);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'counter.stationId'").get()).toEqual({ value: 'C2' });
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    expect(createJobRepository(db).open()).toEqual([]);
    db.close();
  });

  it('refuses an unknown kind, status or document kind, a second job under one Message-ID, and missing fields', () => {
    const { db } = openDatabaseAt(110);
    const insert = db.prepare(
      `INSERT INTO jobs (id, kind, purpose, document_kind, document_id, target, payload, message_id, status,
         requested_by, created_at, updated_at)
       VALUES (@id, @kind, 'receipt', @documentKind, 'p1', 'inkoop@kwekerij.test', '{}', @messageId, @status,
         'C1', 'now', 'now')`,
    );
    const job = (
      id: string,
      changes: Partial<Record<'kind' | 'documentKind' | 'status' | 'messageId', string | null>>,
    ) =>
      insert.run({
        id,
        kind: 'email',
        documentKind: 'payment',
        status: 'waiting',
        messageId: `<${id}@kassa.invalid>`,
        ...changes,
      });

    job('j1', {});
    job('j2', { kind: 'print', documentKind: 'refund', status: 'uncertain' });
    job('j3', { kind: 'webhook', documentKind: null, status: 'cancelled' });
    expect(() => job('j4', { kind: 'fax' })).toThrow(/CHECK/);
    expect(() => job('j5', { status: 'lost' })).toThrow(/CHECK/);
    expect(() => job('j6', { documentKind: 'invoice' })).toThrow(/CHECK/);
    expect(() => job('j7', { messageId: '<j1@kassa.invalid>' })).toThrow(/UNIQUE/);
    expect(() => job('j1', { messageId: '<other@kassa.invalid>' })).toThrow(/UNIQUE/);
    expect(() => job('j8', { messageId: null })).toThrow(/NOT NULL/);
    // STRICT: a number of attempts is an integer, not text.
    expect(() => db.prepare("UPDATE jobs SET attempts = 'many' WHERE id = 'j1'").run()).toThrow(/cannot store TEXT/);
    expect(db.prepare('SELECT id, attempts, status FROM jobs ORDER BY id').all()).toEqual([
      { id: 'j1', attempts: 0, status: 'waiting' },
      { id: 'j2', attempts: 0, status: 'uncertain' },
      { id: 'j3', attempts: 0, status: 'cancelled' },
    ]);
    db.close();
  });

  it('the repository enqueues once per Message-ID and the queue lists what needs a look', () => {
    const { db } = openDatabaseAt(110);
    const jobs = createJobRepository(db);
    const job = {
      kind: 'email' as const,
      purpose: 'receipt',
      documentKind: 'payment' as const,
      documentId: 'p1',
      target: 'inkoop@kwekerij.test',
      payload: { type: 'receipt' },
      requestedBy: 'C1',
      messageId: '<same@kassa.invalid>',
    };
    const first = jobs.enqueue(job, '2026-12-01T10:00:00.000Z');
    const again = jobs.enqueue(job, '2026-12-01T10:00:05.000Z');
    expect(again.id).toBe(first.id);
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 });
    expect(jobs.open().map((j) => j.status)).toEqual(['waiting']);
    db.close();
  });
});
