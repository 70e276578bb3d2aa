import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { auditHash } from '../../electron/core/audit/audit-row';
import { AUDIT_GENESIS_HASH } from '../../shared/audit/audit-canonical';
import type { BoAuditEvent } from '../../shared/backoffice/schemas';
import { STATIONS, startTestBackoffice } from '../helpers/backoffice';

/**
 * The link across the chain-id upgrade (ADR 0016): an upgraded counter's first row with a chain id
 * links to the last row it sent without one. The reference back-office checks that link, so a chain
 * that starts after seq 1 with nothing (or something else) before it is reported, not taken as whole.
 * The reference back-office over HTTP on loopback, its store a real SQLite file.
 */

let server: BackofficeServer;
beforeAll(async () => {
  server = await startTestBackoffice({ customers: 2 });
});
afterAll(async () => {
  await server.close();
  server.store.close();
});

function row(station: keyof typeof STATIONS, seq: number, prevHash: string, note = 'a change'): BoAuditEvent {
  const fields = {
    seq,
    at: `2026-12-01T10:00:0${seq}.000Z`,
    station,
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

async function send(station: keyof typeof STATIONS, event: BoAuditEvent): Promise<void> {
  const key = event.chainId ? `audit:${station}:${event.chainId}:${event.seq}` : `audit:${station}:${event.seq}`;
  const res = await fetch(`${server.url}/v1/audit-events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${STATIONS[station]}`,
      'Kassa-Station': station,
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify(event),
  });
  expect(res.status, key).toBe(201);
}

const CHAIN = '0b5e3c1a-7f42-4d6e-8a90-1c2d3e4f5a6b';

describe('the back-office checks the link across the chain-id upgrade', () => {
  it('an upgraded counter whose first chained row links to its last row without a chain id verifies', async () => {
    const one = row('C1', 1, AUDIT_GENESIS_HASH);
    const two = row('C1', 2, one.hash);
    await send('C1', one);
    await send('C1', two);
    const three = { ...row('C1', 3, two.hash, 'after the upgrade'), chainId: CHAIN };
    await send('C1', three);
    await send('C1', { ...row('C1', 4, three.hash), chainId: CHAIN });

    expect(server.store.auditEvents.verify('C1', CHAIN)).toEqual({ ok: true, rows: 2, brokenAt: null });
    expect(server.store.auditEvents.verify('C1')).toEqual({ ok: true, rows: 4, brokenAt: null });
  });

  it('a chain that starts after seq 1 without its predecessor, or linked to another row, is reported', async () => {
    // Station C2 never sent rows without a chain id: its chain starting at seq 5 links to nothing held.
    const forged = { ...row('C2', 5, 'f'.repeat(64), 'a forged start'), chainId: CHAIN };
    await send('C2', forged);
    await send('C2', { ...row('C2', 6, forged.hash), chainId: CHAIN });
    expect(server.store.auditEvents.verify('C2', CHAIN)).toEqual({
      ok: false,
      rows: 2,
      brokenAt: 5,
      reason: 'no_predecessor',
    });

    // Now C2's rows 1–4 without a chain id arrive, and row 4 is not what row 5 links to.
    let prev = AUDIT_GENESIS_HASH;
    for (const seq of [1, 2, 3, 4]) {
      const event = row('C2', seq, prev);
      await send('C2', event);
      prev = event.hash;
    }
    expect(server.store.auditEvents.verify('C2', null)).toEqual({ ok: true, rows: 4, brokenAt: null });
    expect(server.store.auditEvents.verify('C2', CHAIN)).toEqual({
      ok: false,
      rows: 2,
      brokenAt: 5,
      reason: 'relinked',
    });
    expect(server.store.auditEvents.verify('C2')).toMatchObject({ ok: false, brokenAt: 5, reason: 'relinked' });
  });

  it('a chain whose row 1 does not start from the genesis hash is reported', async () => {
    const chainId = '9d8c7b6a-5f4e-4d3c-8b2a-192837465abc';
    await send('C1', { ...row('C1', 1, 'e'.repeat(64), 'row 1 of a reinstalled counter, relinked'), chainId });
    expect(server.store.auditEvents.verify('C1', chainId)).toEqual({
      ok: false,
      rows: 1,
      brokenAt: 1,
      reason: 'relinked',
    });
  });
});
