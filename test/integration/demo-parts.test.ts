import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/core/engine';
import { createTestEngine, tempDir } from '../helpers/test-engine';

/** The letterhead keys in the counter's settings (and the record of the demo's). */
function letterhead(dataDir: string): unknown[] {
  const raw = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    return raw.prepare("SELECT key, value FROM settings WHERE key LIKE 'company.%' OR key = 'demo.letterhead'").all();
  } finally {
    raw.close();
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the demo as parts the host passes in', () => {
  it('without demo parts the engine opens no sandbox terminal and no demo back-office', async () => {
    const dataDir = tempDir();
    const engine = createEngine({ dataDir, autoSync: false, log: () => {} });
    cleanups.push(() => engine.close());
    await engine.start();
    expect(engine.status().mode).toBe('live');
    expect(existsSync(join(dataDir, 'sandbox-terminal.sqlite'))).toBe(false);
    expect(existsSync(join(dataDir, 'backoffice.sqlite'))).toBe(false);
  });

  it('takes the demo letterhead off receipts when the counter next starts without the demo', async () => {
    const dataDir = tempDir();
    const demo = createTestEngine({ dataDir, demo: true, autoSync: false, log: () => {} });
    await demo.start();
    const before = await demo.dispatch('system.status', {});
    expect(before).toMatchObject({ ok: true, value: { mode: 'demo' } });
    expect(letterhead(dataDir)).toContainEqual({ key: 'company.name', value: 'Bloemenhandel De Kas B.V.' });
    await demo.close();

    const live = createEngine({ dataDir, autoSync: false, log: () => {} });
    cleanups.push(() => live.close());
    await live.start();
    expect(letterhead(dataDir)).toEqual([]);
  });
});
