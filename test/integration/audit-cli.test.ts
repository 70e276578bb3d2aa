import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../electron/core/audit/audit-trail';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../helpers/test-engine';

/** `npm run audit:verify -- --data-dir <dir>`: the chain checked offline, the answer in the exit code. */

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/audit/verify-cli.ts', ...args], {
    encoding: 'utf8',
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

function counterWithRows(n: number): string {
  const dir = tempDir('kassa-audit-cli-');
  const db = openDatabase(join(dir, 'kassa.sqlite'));
  const trail = createAuditTrail({ db, clock: { now: () => new Date() }, station: () => 'C1' });
  for (let i = 0; i < n; i++) {
    db.transaction(() => trail.append({ action: 'payment.refund', subject: { kind: 'payment', id: `P-${i}` } }))();
  }
  db.close();
  return dir;
}

describe('audit verify command', () => {
  it('exits 0 on a whole chain, 1 with the seq where it breaks, 2 without a file', () => {
    const dir = counterWithRows(4);
    const ok = cli('--data-dir', dir);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('4 rows checked');

    const raw = new Database(join(dir, 'kassa.sqlite'));
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.exec("UPDATE audit_events SET subject_id = 'P-other' WHERE seq = 2");
    raw.close();
    const broken = cli('--file', join(dir, 'kassa.sqlite'));
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('BROKEN at seq 2: edited');

    expect(cli('--data-dir', join(dir, 'nowhere')).code).toBe(2);
    expect(cli().code).toBe(2);
  });
});
