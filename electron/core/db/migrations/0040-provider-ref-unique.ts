import type { Migration } from '../types';

interface SharedRow {
  id: string;
  status: string;
}

/**
 * One provider id, one payment: a Pay. order (or any provider's payment) can pay for one attempt only.
 * A LAN terminal that names another payment's order is refused in code (ADR 0009); SQLite refuses it too.
 *
 * Rows that already share an id (what this closes could have made them) cannot be judged here: the
 * first keeps the id, the others get a marked, unique id — a refund through the provider is then
 * refused until a manager has looked — and every row involved gets the evidence in its trail.
 */
export const m0040ProviderRefUnique: Migration = {
  version: 40,
  name: 'provider-ref-unique',
  up(db) {
    const at = new Date().toISOString();
    const shared = db
      .prepare<[], { ref: string }>(
        `SELECT provider_ref AS ref FROM payments WHERE provider_ref IS NOT NULL
         GROUP BY provider_ref HAVING count(*) > 1`,
      )
      .all();
    const rowsOf = db.prepare<[string], SharedRow>(
      'SELECT id, status FROM payments WHERE provider_ref = ? ORDER BY created_at, id',
    );
    const rename = db.prepare('UPDATE payments SET provider_ref = ? WHERE id = ?');
    const evidence = db.prepare(
      `INSERT INTO payment_events (payment_id, at, event, outcome, from_status, to_status, detail)
       VALUES (?, ?, 'provider_ref_shared', 'noted', ?, ?, ?)`,
    );
    for (const { ref } of shared) {
      const rows = rowsOf.all(ref);
      const keeper = rows[0];
      if (!keeper) continue;
      const sharedWith = rows.map((row) => row.id);
      for (const row of rows) {
        const renamedTo = row === keeper ? null : `shared:${row.id}:${ref}`;
        if (renamedTo) rename.run(renamedTo, row.id);
        evidence.run(
          row.id,
          at,
          row.status,
          row.status,
          JSON.stringify({ migration: 40, providerRef: ref, keptBy: keeper.id, sharedWith, renamedTo }),
        );
      }
    }
    db.exec(
      'CREATE UNIQUE INDEX payments_provider_ref_unique ON payments(provider_ref) WHERE provider_ref IS NOT NULL;',
    );
  },
};
