import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../electron/core/audit/audit-row';
import { createAuditTrail } from '../../electron/core/audit/audit-trail';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/types';
import { runActing } from '../../electron/core/people/acting';
import { createOutboxRepository } from '../../electron/core/repositories/outbox';
import { createSettingsRepository } from '../../electron/core/repositories/settings';
import { tempDir } from '../helpers/test-engine';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function fresh() {
  const file = join(tempDir('kassa-audit-'), 'kassa.sqlite');
  const db = openDatabase(file);
  open.push(db);
  let now = Date.parse('2026-12-01T09:00:00Z');
  const trail = createAuditTrail({
    db,
    clock: {
      now: () => {
        now += 1000;
        return new Date(now);
      },
    },
    station: () => 'C1',
    outbox: createOutboxRepository(db),
  });
  return { db, file, trail };
}

const cashier = { userId: 'u-anna', name: 'Anna', role: 'cashier' as const };
const manager = { userId: 'u-mark', name: 'Mark', role: 'manager' as const };

/** A tamperer with raw SQL: drops the guards, changes the file, and (careful) puts them back. */
function tamper(file: string, sql: string, restoreGuards = true): void {
  const raw = new Database(file);
  const triggers = raw
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('audit_events', 'audit_head')",
    )
    .all() as { name: string; sql: string }[];
  for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
  raw.exec(sql);
  if (restoreGuards) for (const t of triggers) raw.exec(t.sql);
  raw.close();
}

function appendSome(t: ReturnType<typeof fresh>, n: number): void {
  for (let i = 0; i < n; i++) {
    t.db.transaction(() =>
      t.trail.append({ action: 'settings.test.save', subject: { kind: 'setting', id: `k${i}` }, after: { i } }),
    )();
  }
}

describe('audit trail', () => {
  it('writes who acted and who approved from runActing, and queues the row for the back-office', () => {
    const t = fresh();
    runActing({ actor: cashier, approvedBy: manager }, () =>
      t.db.transaction(() =>
        t.trail.append({
          action: 'payment.refund',
          subject: { kind: 'payment', id: 'P-1' },
          before: { status: 'approved' },
          after: { amount: { minor: 1250, currency: 'EUR' } },
          note: 'wrong plants',
        }),
      )(),
    );
    const page = t.trail.list({});
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      seq: 1,
      station: 'C1',
      actor: { id: 'u-anna', name: 'Anna', role: 'cashier' },
      approver: { id: 'u-mark', name: 'Mark' },
      action: 'payment.refund',
      subject: { kind: 'payment', id: 'P-1' },
      before: { status: 'approved' },
      after: { amount: { minor: 1250, currency: 'EUR' } },
      note: 'wrong plants',
    });
    const outbox = t.db.prepare('SELECT kind, aggregate_id, idempotency_key FROM outbox').all();
    // Keyed per station, chain and seq (migration 0230): a reinstalled counter's row 1 is another key.
    const chainId = t.trail.chainId();
    expect(chainId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(outbox).toEqual([{ kind: 'audit_event', aggregate_id: 'audit', idempotency_key: `audit:C1:${chainId}:1` }]);
    expect(t.trail.verify()).toEqual({ ok: true, checked: 1, brokenAt: null, reason: null });
  });

  it('outside an API call nobody acted: the system', () => {
    const t = fresh();
    t.db.transaction(() => t.trail.append({ action: 'payment.void_result', subject: null }))();
    expect(t.trail.list({}).items[0]).toMatchObject({ actor: null, approver: null });
  });

  it('refuses to append outside a transaction', () => {
    const t = fresh();
    expect(() => t.trail.append({ action: 'payment.refund', subject: null })).toThrow(/inside the transaction/);
    expect(t.trail.list({}).items).toHaveLength(0);
  });

  it('a change whose transaction throws leaves no audit row, and an audit that throws leaves no change', () => {
    const t = fresh();
    const settings = createSettingsRepository(t.db);
    expect(() =>
      t.trail.audited((audit) => {
        settings.set('smtp.config', 'x');
        audit({ action: 'settings.smtp.save', subject: null });
        throw new Error('the change failed after its audit row');
      }),
    ).toThrow(/change failed/);
    expect(t.trail.list({}).items).toHaveLength(0);
    expect(settings.get('smtp.config')).toBeNull();
    // An audit row SQLite refuses (an empty action breaks its CHECK): the change goes with it.
    expect(() =>
      t.trail.audited((audit) => {
        settings.set('smtp.config', 'y');
        audit({ action: '', subject: null });
      }),
    ).toThrow();
    expect(settings.get('smtp.config')).toBeNull();
    expect(t.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('SQLite refuses to change or delete a row, or to append one that does not extend the chain', () => {
    const t = fresh();
    appendSome(t, 3);
    expect(() => t.db.prepare("UPDATE audit_events SET note = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_events WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => t.db.prepare('UPDATE audit_head SET seq = 2').run()).toThrow(/audit_head/);
    expect(() => t.db.prepare('DELETE FROM audit_head').run()).toThrow(/audit_head/);
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO audit_events (seq, at, station, action, prev_hash, hash) VALUES (9, 'x', 'C1', 'a', ?, ?)",
        )
        .run('0'.repeat(64), '1'.repeat(64)),
    ).toThrow(/extend the chain/);
    expect(t.trail.verify().ok).toBe(true);
  });

  it('redacts secrets by key name and masks card numbers, as a second safety net', () => {
    const t = fresh();
    t.db.transaction(() =>
      t.trail.append({
        action: 'settings.provider.save',
        subject: { kind: 'provider', id: 'paynl' },
        before: { apiToken: 'abc', tokenSet: true, serviceId: 'SL-1' },
        after: { apiToken: 'changed', password: 'hunter2', pinCode: '1234', nested: { clientSecret: 's' } },
        note: 'card 4111 1111 1111 1111 was typed here, refund RF20261201145639AB and 20261201145637 are ids',
      }),
    )();
    const row = t.trail.list({}).items[0];
    expect(row?.before).toEqual({ apiToken: '[redacted]', tokenSet: true, serviceId: 'SL-1' });
    expect(row?.after).toEqual({
      apiToken: 'changed',
      password: '[redacted]',
      pinCode: '[redacted]',
      nested: { clientSecret: '[redacted]' },
    });
    expect(row?.note).toBe(
      'card ************1111 was typed here, refund RF20261201145639AB and 20261201145637 are ids',
    );
    expect(JSON.stringify(t.db.prepare('SELECT * FROM audit_events').all())).not.toMatch(/hunter2|4111 1111/);
  });

  it('filters by person, action, day and subject, newest first, in pages', () => {
    const t = fresh();
    runActing({ actor: cashier, approvedBy: manager }, () => appendSome(t, 5));
    runActing({ actor: manager, approvedBy: null }, () =>
      t.db.transaction(() =>
        t.trail.append({
          action: 'refund.decide',
          subject: { kind: 'refund', id: 'R-9' },
          after: { paymentId: 'P-7', status: 'succeeded' },
        }),
      )(),
    );
    expect(t.trail.list({ action: 'refund.decide' }).items.map((r) => r.seq)).toEqual([6]);
    expect(t.trail.list({ action: 'settings.' }).items).toHaveLength(5);
    expect(t.trail.list({ person: 'ann' }).items).toHaveLength(5);
    expect(t.trail.list({ person: 'u-mark' }).items).toHaveLength(6);
    expect(t.trail.list({ subjectId: 'P-7' }).items.map((r) => r.seq)).toEqual([6]);
    expect(t.trail.list({ from: '2026-12-02' }).items).toHaveLength(0);
    expect(t.trail.list({ from: '2026-11-30', to: '2026-12-01' }).items).toHaveLength(6);
    const first = t.trail.list({ limit: 4 });
    expect(first.items.map((r) => r.seq)).toEqual([6, 5, 4, 3]);
    expect(first.nextBeforeSeq).toBe(3);
    const second = t.trail.list({ limit: 4, beforeSeq: 3 });
    expect(second.items.map((r) => r.seq)).toEqual([2, 1]);
    expect(second.nextBeforeSeq).toBeNull();
    expect(first.actions).toEqual(['refund.decide', 'settings.test.save']);
  });

  it('detects an edited row, even with the guards put back', () => {
    const t = fresh();
    appendSome(t, 5);
    t.db.close();
    tamper(t.file, `UPDATE audit_events SET after_json = '{"i":99}' WHERE seq = 3`);
    const again = openDatabase(t.file);
    open.push(again);
    expect(createAuditTrail({ db: again, clock: { now: () => new Date() }, station: () => 'C1' }).verify()).toEqual({
      ok: false,
      checked: 3,
      brokenAt: 3,
      reason: 'edited',
    });
  });

  it('detects an edited row whose hash was recomputed: the next row no longer links to it', () => {
    const t = fresh();
    appendSome(t, 4);
    const row = t.trail.get(2);
    if (!row) throw new Error('row 2 missing');
    const { hash: _old, ...fields } = row;
    const forged = { ...fields, note: 'nothing happened' };
    t.db.close();
    tamper(t.file, `UPDATE audit_events SET note = 'nothing happened', hash = '${auditHash(forged)}' WHERE seq = 2`);
    const again = openDatabase(t.file);
    open.push(again);
    expect(
      createAuditTrail({ db: again, clock: { now: () => new Date() }, station: () => 'C1' }).verify(),
    ).toMatchObject({ ok: false, brokenAt: 3, reason: 'relinked' });
  });

  it('detects two rows swapped (reordered)', () => {
    const t = fresh();
    appendSome(t, 4);
    t.db.close();
    tamper(
      t.file,
      `UPDATE audit_events SET seq = -1 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 3;
       UPDATE audit_events SET seq = 3 WHERE seq = -1;`,
    );
    const again = openDatabase(t.file);
    open.push(again);
    expect(
      createAuditTrail({ db: again, clock: { now: () => new Date() }, station: () => 'C1' }).verify(),
    ).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a deleted row in the middle and a deleted newest row (the head)', () => {
    const middle = fresh();
    appendSome(middle, 5);
    middle.db.close();
    tamper(middle.file, 'DELETE FROM audit_events WHERE seq = 2');
    const a = openDatabase(middle.file);
    open.push(a);
    expect(createAuditTrail({ db: a, clock: { now: () => new Date() }, station: () => 'C1' }).verify()).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'deleted',
    });

    const newest = fresh();
    appendSome(newest, 5);
    newest.db.close();
    tamper(newest.file, 'DELETE FROM audit_events WHERE seq >= 4');
    const b = openDatabase(newest.file);
    open.push(b);
    expect(createAuditTrail({ db: b, clock: { now: () => new Date() }, station: () => 'C1' }).verify()).toEqual({
      ok: false,
      checked: 3,
      brokenAt: 4,
      reason: 'head_mismatch',
    });
  });

  it('says when the guards were removed even though the rows still add up', () => {
    const t = fresh();
    appendSome(t, 2);
    t.db.close();
    tamper(t.file, 'SELECT 1', false);
    const again = openDatabase(t.file);
    open.push(again);
    expect(createAuditTrail({ db: again, clock: { now: () => new Date() }, station: () => 'C1' }).verify()).toEqual({
      ok: false,
      checked: 2,
      brokenAt: null,
      reason: 'guards_removed',
    });
  });
});
