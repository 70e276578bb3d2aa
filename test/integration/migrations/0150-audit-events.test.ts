import { describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../../electron/core/audit/audit-trail';
import { insertCustomer, migrateTo, openDatabaseAt } from './database-at';

describe('migration 0150 (audit events): an empty, guarded chain beside the existing books', () => {
  it('starts the head at seq 0 and the genesis hash, leaves the books alone, and the first row links to it', () => {
    const { db } = openDatabaseAt(130);
    insertCustomer(db, 'c1');

    migrateTo(db, 150);

    expect(db.prepare('SELECT id FROM customers').all()).toEqual([{ id: 'c1' }]);
    expect(db.prepare('SELECT id, seq, hash FROM audit_head').all()).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
    expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 0 });
    const trail = createAuditTrail({ db, clock: { now: () => new Date() }, station: () => 'C1' });
    db.transaction(() => trail.append({ action: 'settings.test.save', subject: null }))();
    expect(trail.verify()).toEqual({ ok: true, checked: 1, brokenAt: null, reason: null });
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    db.close();
  });
});
