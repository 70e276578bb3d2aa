import { describe, expect, it } from 'vitest';
import { migrateTo, openDatabaseAt } from './database-at';

describe('migration 0200 (settlement payouts): payout totals, and the exceptions table rebuilt for the payout kinds', () => {
  it('keeps every exception with its id and state, and takes the new kinds and a payout id', () => {
    const { db } = openDatabaseAt(190);
    db.prepare(
      `INSERT INTO reconciliation_exceptions (id, kind, provider, subject, expected_minor, actual_minor, currency,
         occurred_on, detected_at, resolved_at, resolved_by, note, auto_resolved)
       VALUES (7, 'chargeback', 'vipps', 'row:1', NULL, -800, 'NOK', '2026-11-13', '2026-11-20T12:00:00.000Z',
         '2026-11-21T09:00:00.000Z', 'Mona', 'accepted', 0)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO reconciliation_exceptions (kind, provider, subject, currency, occurred_on, detected_at)
           VALUES ('payout_aborted', 'vipps', 'payout:1', 'NOK', '2026-11-13', '2026-11-20')`,
        )
        .run(),
    ).toThrow(/CHECK/);

    migrateTo(db, 200);

    expect(
      db.prepare('SELECT id, kind, subject, resolved_by AS resolvedBy, note FROM reconciliation_exceptions').all(),
    ).toEqual([{ id: 7, kind: 'chargeback', subject: 'row:1', resolvedBy: 'Mona', note: 'accepted' }]);
    db.prepare(
      `INSERT INTO reconciliation_exceptions (kind, provider, subject, payout_id, currency, occurred_on, detected_at)
       VALUES ('payout_aborted', 'vipps', 'payout:123456:po-1:NOK', 'po-1', 'NOK', '2026-11-13', '2026-11-20')`,
    ).run();
    db.prepare(
      `INSERT INTO settlement_payouts (provider, account, payout_id, currency, settled_on, net_minor, aborted, imported_at, changed_at)
       VALUES ('vipps', '123456', 'po-1', 'NOK', '2026-11-12', 29475, 1, '2026-11-20', '2026-11-20')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO settlement_payouts (provider, account, payout_id, currency, net_minor, imported_at, changed_at)
           VALUES ('vipps', '123456', 'po-1', 'NOK', 1, 'x', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reconciliation_exceptions' AND sql IS NOT NULL",
      )
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([{ name: 'reconciliation_exceptions_open' }, { name: 'reconciliation_exceptions_day' }]),
    );
    db.close();
  });
});
