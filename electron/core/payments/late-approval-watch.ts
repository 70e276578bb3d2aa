import type { Db } from '../db/open-database';

/**
 * Pay.: "a cancelled transaction can still become PAID". After an abort Kassa keeps asking for a
 * while; the deadline is stored with the payment so a restart keeps watching until it passes,
 * rather than forgetting a charge that arrives late.
 */
export function createLateWatchStore(db: Db) {
  const set = db.prepare('UPDATE payments SET late_watch_until = ? WHERE id = ?');
  const get = db.prepare<[string], { until: string | null }>(
    'SELECT late_watch_until AS until FROM payments WHERE id = ?',
  );
  const due = db.prepare<[string], { id: string }>(
    `SELECT id FROM payments WHERE late_watch_until IS NOT NULL AND late_watch_until > ?
       AND status IN ('cancelled', 'expired') ORDER BY late_watch_until`,
  );
  return {
    set(paymentId: string, until: Date): void {
      set.run(until.toISOString(), paymentId);
    },
    /** The stored deadline in ms since the epoch, if a watch was started. */
    deadline(paymentId: string): number | null {
      const until = get.get(paymentId)?.until;
      return until ? Date.parse(until) : null;
    },
    /** Closed payments whose watch has not run out yet. */
    watching(now: Date): string[] {
      return due.all(now.toISOString()).map((row) => row.id);
    },
  };
}

export type LateWatchStore = ReturnType<typeof createLateWatchStore>;
