import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/audit-verify';
import { tempDir } from '../helpers/test-engine';

/**
 * A change and its audit row are one transaction: a counter SIGKILLed at random moments while it
 * makes audited changes never has a change without its row, nor a row without its change.
 */

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

const ROUNDS = Number(process.env.KASSA_LONG_TESTS ? 30 : 5);

async function runUntilKilled(dataDir: string, startAt: number, afterMs: number): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/audit-child.ts', dataDir, String(startAt)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  for await (const line of lines) if (line === 'ready') break;
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  proc.kill('SIGKILL');
  await exited;
  child = null;
}

interface State {
  rows: number;
  lastUri: string | null;
  settingUri: string | null;
  queued: number;
}

function state(dataDir: string): State & { chain: ReturnType<typeof verifyAuditChain> } {
  const db = new Database(join(dataDir, 'kassa.sqlite'));
  try {
    const last = db
      .prepare("SELECT after_json FROM audit_events WHERE action = 'settings.printer.save' ORDER BY seq DESC LIMIT 1")
      .get() as { after_json: string } | undefined;
    const setting = db.prepare("SELECT value FROM settings WHERE key = 'printer.receipt'").get() as
      | { value: string }
      | undefined;
    return {
      chain: verifyAuditChain(db),
      rows: (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n,
      lastUri: last ? ((JSON.parse(last.after_json) as { uri?: string }).uri ?? null) : null,
      settingUri: setting ? (JSON.parse(setting.value) as { uri: string }).uri : null,
      queued: (db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'audit_event'").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('audit rows under SIGKILL', () => {
  it(`every committed change has its audit row and every row its change (${ROUNDS} kills)`, async () => {
    const dataDir = tempDir('kassa-audit-crash-');
    let rowsBefore = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await runUntilKilled(dataDir, rowsBefore + 1_000 * round, 20 + Math.floor(Math.random() * 300));
      const after = state(dataDir);
      expect(after.chain, `round ${round}`).toMatchObject({ ok: true, checked: after.rows });
      expect(after.rows).toBeGreaterThan(rowsBefore);
      // The newest committed printer is the one the newest audit row names: neither got ahead.
      expect(after.settingUri).not.toBeNull();
      expect(after.lastUri, `round ${round}`).toBe(after.settingUri);
      // And each row was queued for the back-office in its own transaction.
      expect(after.queued).toBe(after.rows);
      rowsBefore = after.rows;
    }
  }, 120_000);
});
