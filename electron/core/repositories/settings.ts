import type { Db } from '../db/types';

export function createSettingsRepository(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(key: string): string | null {
      return get.get(key)?.value ?? null;
    },
    set(key: string, value: string): void {
      set.run(key, value);
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
