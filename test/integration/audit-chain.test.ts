import { cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { auditChainOf } from '../../electron/core/audit/audit-chain';
import { auditHash } from '../../electron/core/audit/audit-row';
import { counterConfig, STATIONS } from '../helpers/backoffice';
import { backofficeClosedAfter } from '../helpers/backoffice-per-test';
import { closeAfterEach } from '../helpers/provider-harness';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

/**
 * Each audit chain has an identity made with its database (migration 0230, ADR 0016): a counter
 * reinstalled under a station id that already sent rows starts a new chain the back-office keeps
 * beside the old one, while another row for a seq of the same chain is still refused.
 * Real counters on real SQLite files, delivering to the reference back-office over loopback HTTP.
 */

const cleanups = closeAfterEach();

async function counter(server: BackofficeServer, dataDir = tempDir()): Promise<TestEngine> {
  const t = await startTestEngine({
    dataDir,
    demo: true,
    backoffice: counterConfig(server, 'C1'),
    autoSync: false,
    sandboxPhaseMs: 5,
    pollIntervalMs: 5,
  });
  let closed = false;
  cleanups.push(() => (closed ? undefined : t.close()));
  return {
    ...t,
    close: async () => {
      closed = true;
      await t.close();
    },
  };
}

interface AuditOutboxRow {
  state: string;
  key: string;
  reason: string | null;
  payload: string;
}

function auditOutbox(t: TestEngine): AuditOutboxRow[] {
  const db = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT state, idempotency_key AS key, held_reason AS reason, payload FROM outbox
         WHERE kind = 'audit_event' ORDER BY id`,
      )
      .all() as AuditOutboxRow[];
  } finally {
    db.close();
  }
}

/** Runs sync cycles until no audit row waits (delivered, or held for a manager). */
async function deliverAudit(t: TestEngine): Promise<AuditOutboxRow[]> {
  for (let i = 0; i < 50; i++) {
    await t.engine.sync.runCycle(true);
    const rows = auditOutbox(t);
    if (rows.every((r) => r.state !== 'waiting')) return rows;
  }
  throw new Error('audit rows not delivered');
}

/** Two audited settings saves (rows 1 and 2 of a fresh counter's chain). */
async function twoSettingsChanges(t: TestEngine, terminal = 'sandbox-2'): Promise<void> {
  await t.call('automations.emailEveryReceipt', {});
  await t.call('counter.setDefaultTerminal', { terminalId: terminal });
}

/** The chain id as the counter's file holds it (migration 0230). */
function chainOf(t: TestEngine): string {
  const db = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    const chain = auditChainOf(db);
    if (!chain) throw new Error('no audit chain');
    return chain.chainId;
  } finally {
    db.close();
  }
}

describe('audit chains: a reinstalled counter is a new chain, a changed row of one chain is not', () => {
  it('a fresh data dir under the same station id delivers its new chain beside the old one', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 5 });
    const first = await counter(server);
    await twoSettingsChanges(first);
    expect((await deliverAudit(first)).map((r) => r.state)).toEqual(['delivered', 'delivered']);
    const oldChain = chainOf(first);
    await first.close();

    // Reinstalled: a new database, the same station id, the same back-office. Its rows start at seq 1 again.
    const reinstalled = await counter(server);
    const newChain = chainOf(reinstalled);
    expect(newChain).not.toBe(oldChain);
    await twoSettingsChanges(reinstalled, 'sandbox-3');
    const sent = await deliverAudit(reinstalled);
    expect(sent.map((r) => [r.state, r.reason])).toEqual([
      ['delivered', null],
      ['delivered', null],
    ]);
    expect(sent.map((r) => r.key)).toEqual([`audit:C1:${newChain}:1`, `audit:C1:${newChain}:2`]);

    expect(server.store.auditEvents.chains('C1')).toEqual([
      { chainId: oldChain, rows: 2, firstSeq: 1, lastSeq: 2 },
      { chainId: newChain, rows: 2, firstSeq: 1, lastSeq: 2 },
    ]);
    const kept = server.store.auditEvents.forStation('C1', newChain);
    expect(kept.map((e) => [e.seq, e.chainId])).toEqual([
      [1, newChain],
      [2, newChain],
    ]);
    expect(kept.map((e) => e.hash)).toEqual(
      (await reinstalled.call('audit.list', {})).items.map((r) => r.hash).reverse(),
    );
    expect(server.store.auditEvents.verify('C1', oldChain)).toEqual({ ok: true, rows: 2, brokenAt: null });
    expect(server.store.auditEvents.verify('C1', newChain)).toEqual({ ok: true, rows: 2, brokenAt: null });
  });

  it('a restored copy of the same database (same chain) that writes another row for a kept seq is refused', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 5 });
    const dir = tempDir();
    const original = await counter(server, dir);
    await twoSettingsChanges(original);
    await deliverAudit(original);
    const chain = chainOf(original);
    await original.close();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });

    const resumed = await counter(server, dir);
    await resumed.call('counter.setDefaultTerminal', { terminalId: 'sandbox-3' });
    expect((await deliverAudit(resumed)).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
    await resumed.close();
    const keptBefore = server.store.auditEvents.forStation('C1').map((e) => e.hash);

    // The copy continues the same chain from seq 2: its own row 3 is not the row 3 already kept.
    const restored = await counter(server, copy);
    expect(chainOf(restored)).toBe(chain);
    await restored.call('automations.save', { rules: [] });
    const rows = await deliverAudit(restored);
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered', 'held']);
    // Same chain, same seq, same key, another body: the back-office's idempotency refuses it first.
    expect(rows[2]?.reason).toMatch(/Idempotency key reused/);
    expect(server.store.auditEvents.chains('C1')).toEqual([{ chainId: chain, rows: 3, firstSeq: 1, lastSeq: 3 }]);
    expect(server.store.auditEvents.forStation('C1').map((e) => e.hash)).toEqual(keptBefore);
  });

  it('an edited row of a kept chain, its hash recomputed, is refused under any idempotency key', async () => {
    const server = await backofficeClosedAfter(cleanups, { customers: 5 });
    const t = await counter(server);
    await twoSettingsChanges(t);
    await deliverAudit(t);
    const [row] = server.store.auditEvents.forStation('C1');
    if (!row) throw new Error('no row kept');
    const { hash: _hash, chainId, ...fields } = row;
    const edited = { ...fields, note: 'nothing happened' };
    const post = (body: unknown, key: string) =>
      fetch(`${server.url}/v1/audit-events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${STATIONS.C1}`,
          'Kassa-Station': 'C1',
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
      });
    const refused = await post({ ...edited, chainId, hash: auditHash(edited) }, `audit:C1:${chainId}:1:edited`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).type).toBe('https://kassa.dev/problems/audit-chain-conflict');
    // The row as kept, again under another key: the same row, answered from the book.
    expect((await post(row, `audit:C1:${chainId}:1:resend`)).status).toBe(200);
    expect(server.store.auditEvents.forStation('C1')[0]).toEqual(row);
  });
});
