import { describe, expect, it } from 'vitest';
import { insertCustomer, insertPaymentOf0010, migrateTo, openDatabaseAt } from './database-at';

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

  it('copies an exception that names its payment and settled line with both links intact: no foreign key breaks', () => {
    const { db } = openDatabaseAt(190);
    insertCustomer(db);
    insertPaymentOf0010(db, { id: 'p1', status: 'approved' });
    const row = db
      .prepare(
        `INSERT INTO settlement_rows (provider, account, row_key, type, booked_at, gross_minor, fee_minor, net_minor,
           currency, matched_payment_id, imported_at)
         VALUES ('vipps', '123456', 'r-1', 'payment', '2026-11-30T09:00:00.000Z', 1250, 22, 1228, 'EUR', 'p1',
           '2026-12-01T08:00:00.000Z')`,
      )
      .run();
    db.prepare(
      `INSERT INTO reconciliation_exceptions (id, kind, provider, subject, payment_id, settlement_row_id,
         expected_minor, actual_minor, currency, occurred_on, detected_at)
       VALUES (9, 'amount_differs', 'vipps', 'row:1', 'p1', ?, 1250, 1200, 'EUR', '2026-11-30',
         '2026-12-01T08:00:00.000Z')`,
    ).run(row.lastInsertRowid);

    migrateTo(db, 200);

    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(
      db
        .prepare(
          `SELECT e.id, e.kind, e.payment_id AS paymentId, s.row_key AS rowKey, e.payout_id AS payoutId
           FROM reconciliation_exceptions e JOIN settlement_rows s ON s.id = e.settlement_row_id`,
        )
        .all(),
    ).toEqual([{ id: 9, kind: 'amount_differs', paymentId: 'p1', rowKey: 'r-1', payoutId: null }]);
    // The link is still enforced: the settled line the exception names cannot go while it does.
    expect(() => db.prepare('DELETE FROM settlement_rows WHERE id = ?').run(row.lastInsertRowid)).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });
});
