import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditChainOf } from '../../electron/core/audit/audit-chain';
import { auditHash } from '../../electron/core/audit/audit-row';
import { createOutboxRepository } from '../../electron/core/repositories/outbox';
import { AUDIT_GENESIS_HASH } from '../../shared/audit/audit-canonical';
import { counterConfig, STATIONS, startTestBackoffice } from '../helpers/backoffice';
import { closeAfterEach } from '../helpers/provider-harness';
import { startTestEngine, tempDir } from '../helpers/test-engine';
import { openDatabaseAt } from './migrations/database-at';

/**
 * Files from before chain ids (ADR 0016, migration 0230): a counter's database gets a chain id at the
 * upgrade and a row it queued before goes on without one; a back-office store of that time keeps
 * its rows as the station's chain without an id. Real SQLite files, the reference back-office over HTTP.
 */

const cleanups = closeAfterEach();

function cli(dataDir: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'electron/core/audit/verify-cli.ts', '--data-dir', dataDir],
    { encoding: 'utf8' },
  );
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/** Row 1 as a counter before chain ids wrote and queued it: key `audit:<station>:<seq>`, no chain id. */
function legacyRow(seq: number, prevHash: string, note = 'written before chain ids') {
  const fields = {
    seq,
    at: `2026-11-30T10:00:0${seq}.000Z`,
    station: 'C1',
    actorId: null,
    actorName: null,
    actorRole: null,
    approverId: null,
    approverName: null,
    action: 'settings.counter.save',
    subjectKind: 'setting',
    subjectId: 'counter',
    beforeJson: null,
    afterJson: '{"changed":[]}',
    note,
    prevHash,
  };
  return { ...fields, hash: auditHash(fields) };
}

describe('audit chains across the upgrade', () => {
  it('a counter database from before chain ids gets a guarded chain id; its queued row goes without, later rows with', async () => {
    const server = await startTestBackoffice({ customers: 5 });
    cleanups.push(async () => {
      await server.close();
      server.store.close();
    });
    const { db, file } = openDatabaseAt(190);
    const row = legacyRow(1, AUDIT_GENESIS_HASH);
    db.transaction(() => {
      db.prepare(
        `INSERT INTO audit_events (seq, at, station, actor_id, actor_name, actor_role, approver_id, approver_name,
           action, subject_kind, subject_id, before_json, after_json, note, prev_hash, hash)
         VALUES (@seq, @at, @station, @actorId, @actorName, @actorRole, @approverId, @approverName,
           @action, @subjectKind, @subjectId, @beforeJson, @afterJson, @note, @prevHash, @hash)`,
      ).run(row);
      createOutboxRepository(db).enqueue(
        { kind: 'audit_event', aggregateId: 'audit', idempotencyKey: 'audit:C1:1', payload: row },
        row.at,
      );
    })();
    db.close();
    const dataDir = dirname(file);
    const before = cli(dataDir);
    expect(before).toMatchObject({ code: 0 });
    expect(before.out).toContain('1 rows checked, no chain id (a file from before chain ids)');

    const t = await startTestEngine({ dataDir, demo: true, backoffice: counterConfig(server, 'C1'), autoSync: false });
    cleanups.push(() => t.close());
    await t.call('counter.setDefaultTerminal', { terminalId: 'sandbox-2' });
    for (let i = 0; i < 20; i++) await t.engine.sync.runCycle(true);
    expect(await t.call('audit.verify', {})).toEqual({ ok: true, checked: 2, brokenAt: null, reason: null });

    const raw = new Database(join(dataDir, 'kassa.sqlite'));
    const chain = auditChainOf(raw);
    const outbox = raw
      .prepare("SELECT idempotency_key AS key, state FROM outbox WHERE kind = 'audit_event' ORDER BY id")
      .all();
    expect(() => raw.prepare("UPDATE audit_chain SET chain_id = 'someone-elses-chain'").run()).toThrow(
      /cannot be changed/,
    );
    expect(() => raw.prepare('DELETE FROM audit_chain').run()).toThrow(/cannot be deleted/);
    raw.close();
    if (!chain) throw new Error('no chain id after the upgrade');
    expect(outbox).toEqual([
      { key: 'audit:C1:1', state: 'delivered' },
      { key: `audit:C1:${chain.chainId}:2`, state: 'delivered' },
    ]);
    expect(server.store.auditEvents.chains('C1')).toEqual([
      { chainId: null, rows: 1, firstSeq: 1, lastSeq: 1 },
      { chainId: chain.chainId, rows: 1, firstSeq: 2, lastSeq: 2 },
    ]);
    // The row after the upgrade still links to the one before it, across the two back-office chains.
    const [kept1, kept2] = server.store.auditEvents.forStation('C1');
    expect(kept1).toEqual(row);
    expect(kept2?.prevHash).toBe(row.hash);

    await t.close();
    const after = cli(dataDir);
    expect(after).toMatchObject({ code: 0 });
    expect(after.out).toContain(`2 rows checked, chain ${chain.chainId} since ${chain.createdAt}`);
  });

  it('a back-office store from before chain ids keeps its rows as the chain without an id, and takes new chains beside', async () => {
    const dir = tempDir('kassa-bo-');
    const old = new Database(join(dir, 'backoffice.sqlite'));
    old.exec(`CREATE TABLE audit_events (
      station_id TEXT NOT NULL, seq INTEGER NOT NULL, record TEXT NOT NULL, prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (station_id, seq)) STRICT`);
    const first = legacyRow(1, AUDIT_GENESIS_HASH);
    old
      .prepare('INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?)')
      .run('C1', 1, JSON.stringify(first), first.prevHash, first.hash, '2026-11-30T10:00:05.000Z');
    old.close();
    const server = await startTestBackoffice({ customers: 2, dir });
    cleanups.push(async () => {
      await server.close();
      server.store.close();
    });
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

    expect(server.store.auditEvents.chains('C1')).toEqual([{ chainId: null, rows: 1, firstSeq: 1, lastSeq: 1 }]);
    // The kept row again (its answer was lost before the move): the same row.
    expect((await post(first, 'audit:C1:1')).status).toBe(200);
    // Another row 1 without a chain id: still the one chain without an id, so still a conflict.
    expect((await post(legacyRow(1, AUDIT_GENESIS_HASH, 'another row 1'), 'audit:C1:1:x')).status).toBe(409);
    // A reinstalled counter's row 1, with its chain id: kept beside.
    const chainId = '3f0b7a52-5c1e-4c8e-9d3a-2b1f00c0ffee';
    expect(
      (await post({ ...legacyRow(1, AUDIT_GENESIS_HASH, 'new chain'), chainId }, `audit:C1:${chainId}:1`)).status,
    ).toBe(201);
    expect(server.store.auditEvents.chains('C1').map((c) => [c.chainId, c.rows])).toEqual([
      [null, 1],
      [chainId, 1],
    ]);
    expect(server.store.auditEvents.verify('C1')).toEqual({ ok: true, rows: 2, brokenAt: null });
  });
});
