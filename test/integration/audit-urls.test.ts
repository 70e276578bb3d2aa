import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditTrail } from '../../electron/core/audit/audit-trail';
import { openDatabase } from '../../electron/core/db/open-database';
import { createOutboxRepository } from '../../electron/core/repositories/outbox';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

/**
 * A URL in the audit trail keeps where it points and loses its credentials (ADR 0016): an outgoing
 * webhook's token in the query or userinfo never reaches an audit row, its outbox copy or the
 * back-office, while the rule itself keeps the full URL to send to. Real engine, real SQLite files.
 */

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const TOKENED = 'https://hooks.example.com:8443/kassa/in?token=tok_live_9f8e7d&shop=tulips';
const USERINFO = 'https://kassa:pw-s3cret-42@hooks.example.com/other#sig=frag-secret';

function everything(dataDir: string): { audit: string; outbox: string } {
  const raw = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    return {
      audit: JSON.stringify(raw.prepare('SELECT * FROM audit_events').all()),
      outbox: JSON.stringify(raw.prepare("SELECT payload FROM outbox WHERE kind = 'audit_event'").all()),
    };
  } finally {
    raw.close();
  }
}

describe('URLs in the audit trail', () => {
  it('webhook rules are audited with scheme, host, port and path only; the rule keeps its URL', async () => {
    const t: TestEngine = await startTestEngine();
    open.push(t);
    const rules = [
      { enabled: true, event: 'approved' as const, action: 'webhook' as const, target: TOKENED },
      { enabled: false, event: 'refunded' as const, action: 'webhook' as const, target: USERINFO },
    ];
    await t.call('automations.save', { rules });
    expect((await t.call('automations.list', {})).map((r) => r.target)).toEqual([TOKENED, USERINFO]);

    const [row] = (await t.call('audit.list', { action: 'settings.automations.save' })).items;
    const after = row?.after as { rules: { target: string }[] } | undefined;
    expect(after?.rules.map((r) => r.target)).toEqual([
      'https://hooks.example.com:8443/kassa/in?token=•••&shop=•••',
      'https://•••@hooks.example.com/other#•••',
    ]);
    const stored = everything(t.dataDir);
    for (const secret of ['tok_live_9f8e7d', 'tulips', 'pw-s3cret-42', 'frag-secret']) {
      expect(stored.audit, secret).not.toContain(secret);
      expect(stored.outbox, secret).not.toContain(secret);
    }
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a URL typed into a note is redacted the same way, before it is hashed', () => {
    const dir = tempDir('kassa-audit-url-');
    const db = openDatabase(join(dir, 'kassa.sqlite'));
    open.push({
      close: () => {
        db.close();
      },
    });
    const trail = createAuditTrail({
      db,
      clock: { now: () => new Date('2026-12-01T10:00:00Z') },
      station: () => 'C1',
      outbox: createOutboxRepository(db),
    });
    db.transaction(() =>
      trail.append({
        action: 'payment.resolve',
        subject: { kind: 'payment', id: 'P-1' },
        note: `paid, see ${TOKENED}`,
      }),
    )();
    expect(trail.get(1)?.note).toBe('paid, see https://hooks.example.com:8443/kassa/in?token=•••&shop=•••');
    expect(everything(dir).outbox).not.toContain('tok_live_9f8e7d');
    expect(trail.verify()).toMatchObject({ ok: true, checked: 1 });
  });
});
