import { describe, expect, it } from 'vitest';
import { auditChainOf } from '../../../electron/core/audit/audit-chain';
import { createAuditTrail } from '../../../electron/core/audit/audit-trail';
import { createOutboxRepository } from '../../../electron/core/repositories/outbox';
import { migrateTo, openDatabaseAt } from './database-at';

describe('migration 0230 (audit chain): an id for the chain already there, guarded', () => {
  it('gives an existing trail one random chain id, leaves its rows alone, and later rows are sent with it', () => {
    const { db } = openDatabaseAt(190);
    const clock = { now: () => new Date('2026-11-30T10:00:00Z') };
    db.transaction(() =>
      createAuditTrail({ db, clock, station: () => 'C1' }).append({ action: 'day.open', subject: null }),
    )();
    const before = db.prepare('SELECT * FROM audit_events').all();

    migrateTo(db, 230);

    const chain = auditChainOf(db);
    expect(chain?.chainId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(chain?.createdAt ?? ''))).toBe(false);
    expect(db.prepare('SELECT * FROM audit_events').all()).toEqual(before);
    expect(() => db.prepare("UPDATE audit_chain SET chain_id = 'another-chain-id'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM audit_chain').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare("INSERT INTO audit_chain VALUES (2, 'second-chain-id', 'now')").run()).toThrow(/CHECK/);

    const trail = createAuditTrail({ db, clock, station: () => 'C1', outbox: createOutboxRepository(db) });
    db.transaction(() => trail.append({ action: 'settings.counter.save', subject: null }))();
    const queued = db.prepare('SELECT idempotency_key AS key, payload FROM outbox').get() as {
      key: string;
      payload: string;
    };
    expect(queued.key).toBe(`audit:C1:${chain?.chainId}:2`);
    expect(JSON.parse(queued.payload)).toMatchObject({ seq: 2, chainId: chain?.chainId });
    expect(trail.verify()).toEqual({ ok: true, checked: 2, brokenAt: null, reason: null });
    db.exec('DROP TRIGGER audit_chain_no_update');
    expect(trail.verify()).toMatchObject({ ok: false, reason: 'guards_removed' });
    db.close();
  });

  it('a migrated file whose audit_chain table and its guards were dropped together is reported', () => {
    const { db } = openDatabaseAt(230);
    const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
    const trail = createAuditTrail({ db, clock, station: () => 'C1' });
    db.transaction(() => trail.append({ action: 'settings.counter.save', subject: null }))();
    expect(trail.verify()).toEqual({ ok: true, checked: 1, brokenAt: null, reason: null });
    // A file from before chain ids has neither; this one is at schema 230, so it had both.
    db.exec('DROP TRIGGER audit_chain_no_update; DROP TRIGGER audit_chain_no_delete; DROP TABLE audit_chain');
    expect(trail.verify()).toEqual({ ok: false, checked: 1, brokenAt: null, reason: 'guards_removed' });
    db.close();
  });
});
