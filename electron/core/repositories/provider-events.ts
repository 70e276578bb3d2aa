import type { Db } from '../db/types';

/**
 * Every call a provider makes to Kassa (exchange, webhook), keyed so that a retried or duplicated
 * delivery is recognised and processed once. Summaries only: never a raw body with card data.
 */
export function createProviderEventRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO provider_events (provider, event_key, received_at, verified, summary)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider, event_key) DO NOTHING`,
  );
  const setOutcome = db.prepare('UPDATE provider_events SET outcome = ? WHERE provider = ? AND event_key = ?');
  const get = db.prepare<[string, string], { outcome: string | null }>(
    'SELECT outcome FROM provider_events WHERE provider = ? AND event_key = ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM provider_events WHERE provider = ?');

  return {
    /** false: seen before (and processed, when it has an outcome). */
    record(provider: string, key: string, at: string, verified: boolean, summary: unknown): boolean {
      return insert.run(provider, key, at, verified ? 1 : 0, JSON.stringify(summary)).changes === 1;
    },
    outcome(provider: string, key: string): string | null | undefined {
      const row = get.get(provider, key);
      return row ? row.outcome : undefined;
    },
    finish(provider: string, key: string, outcome: string): void {
      setOutcome.run(outcome, provider, key);
    },
    count(provider: string): number {
      return count.get(provider)?.n ?? 0;
    },
  };
}

export type ProviderEventRepository = ReturnType<typeof createProviderEventRepository>;
