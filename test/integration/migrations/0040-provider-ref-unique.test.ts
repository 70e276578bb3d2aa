import { describe, expect, it } from 'vitest';
import { NEWEST_SCHEMA } from '../../../electron/core/db/migrate';
import { openDatabase } from '../../../electron/core/db/open-database';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt, schemaVersion } from './database-at';

interface Noted {
  id: string;
  from: string;
  to: string;
  detail: string;
}

describe('migration 0040 (provider-ref-unique): one provider id, one payment', () => {
  it('lets the oldest row keep a shared id, marks the others uniquely, and notes it on every row involved', () => {
    const { db, file } = openDatabaseAt(30);
    insertCustomer(db);
    // Three rows share order-1 (the newest created first, to show the order is by time), two share order-2.
    insertPaymentOf0010(db, { id: 'c', status: 'approved', providerRef: 'order-1', createdAt: '2026-11-30T10:09:00Z' });
    insertPaymentOf0010(db, { id: 'a', status: 'approved', providerRef: 'order-1', createdAt: '2026-11-30T10:00:00Z' });
    insertPaymentOf0010(db, { id: 'b', status: 'unknown', providerRef: 'order-1', createdAt: '2026-11-30T10:05:00Z' });
    insertPaymentOf0010(db, { id: 'd', status: 'refunded', providerRef: 'order-2', createdAt: '2026-11-30T11:00:00Z' });
    insertPaymentOf0010(db, { id: 'e', status: 'approved', providerRef: 'order-2', createdAt: '2026-11-30T11:00:00Z' });
    insertPaymentOf0010(db, { id: 'alone', status: 'approved', providerRef: 'order-3' });
    insertPaymentOf0010(db, { id: 'none1', status: 'declined', providerRef: null });
    insertPaymentOf0010(db, { id: 'none2', status: 'declined', providerRef: null });
    db.close();

    // The app's own path: opening the file runs what is missing.
    const upgraded = openDatabase(file);
    expect(schemaVersion(upgraded)).toBe(NEWEST_SCHEMA);
    const refs = Object.fromEntries(
      (
        upgraded.prepare('SELECT id, provider_ref AS ref FROM payments').all() as { id: string; ref: string | null }[]
      ).map((r) => [r.id, r.ref]),
    );
    expect(refs).toEqual({
      a: 'order-1',
      b: 'shared:b:order-1',
      c: 'shared:c:order-1',
      // Same created_at: the id breaks the tie.
      d: 'order-2',
      e: 'shared:e:order-2',
      alone: 'order-3',
      none1: null,
      none2: null,
    });

    const noted = upgraded
      .prepare(
        `SELECT payment_id AS id, from_status AS "from", to_status AS "to", detail FROM payment_events
         WHERE event = 'provider_ref_shared' AND outcome = 'noted' ORDER BY payment_id`,
      )
      .all() as Noted[];
    expect(noted.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The status is untouched: the trail only notes what happened.
    expect(noted.find((n) => n.id === 'b')).toMatchObject({ from: 'unknown', to: 'unknown' });
    const detail = (id: string) => JSON.parse(noted.find((n) => n.id === id)?.detail ?? '{}');
    expect(detail('a')).toEqual({
      migration: 40,
      providerRef: 'order-1',
      keptBy: 'a',
      sharedWith: ['a', 'b', 'c'],
      renamedTo: null,
    });
    expect(detail('c')).toMatchObject({ keptBy: 'a', renamedTo: 'shared:c:order-1' });
    expect(detail('e')).toMatchObject({ providerRef: 'order-2', keptBy: 'd', sharedWith: ['d', 'e'] });

    // From now on SQLite itself refuses a second payment for one provider id; rows without one stay fine.
    expect(() => upgraded.prepare("UPDATE payments SET provider_ref = 'order-3' WHERE id = 'a'").run()).toThrow(
      /UNIQUE/,
    );
    upgraded.close();
  });

  it('changes nothing on a file without shared ids', () => {
    const { db } = openDatabaseAt(30);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved', providerRef: 'order-1' });
    insertPaymentOf0010(db, { id: 'p2', status: 'approved', providerRef: null });
    migrateTo(db, 40);
    expect(db.prepare('SELECT id, provider_ref AS ref FROM payments ORDER BY id').all()).toEqual([
      { id: 'p1', ref: 'order-1' },
      { id: 'p2', ref: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM payment_events').get()).toEqual({ n: 0 });
    db.close();
  });
});
