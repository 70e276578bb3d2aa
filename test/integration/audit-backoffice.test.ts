import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { auditHash } from '../../electron/core/audit/audit-row';
import { AUDIT_GENESIS_HASH } from '../../shared/audit/audit-canonical';
import type { BoAuditEvent } from '../../shared/backoffice/schemas';
import { STATIONS, startTestBackoffice } from '../helpers/backoffice';

/** POST /v1/audit-events on the reference back-office: re-hashed on arrival, kept once per station and seq. */

let server: BackofficeServer;
beforeAll(async () => {
  server = await startTestBackoffice({ customers: 2 });
});
afterAll(async () => {
  await server.close();
  server.store.close();
});

const committed = JSON.parse(readFileSync('docs/backoffice-api.openapi.json', 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...committed, $id: 'https://kassa.dev/backoffice' });

function row(seq: number, prevHash: string, action = 'payment.refund'): BoAuditEvent {
  const fields = {
    seq,
    at: `2026-12-01T10:00:0${seq}.000Z`,
    station: 'C1',
    actorId: 'u-anna',
    actorName: 'Anna',
    actorRole: 'cashier',
    approverId: 'u-mark',
    approverName: 'Mark',
    action,
    subjectKind: 'payment',
    subjectId: `P-${seq}`,
    beforeJson: '{"status":"approved"}',
    afterJson: '{"amount":{"currency":"EUR","minor":100}}',
    note: 'broken stems',
    prevHash,
  };
  return { ...fields, hash: auditHash(fields) };
}

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

describe('the back-office keeps the counters’ audit trails', () => {
  it('records a row once, answers a resend from its store, refuses a forged hash and a second row 1', async () => {
    const first = row(1, AUDIT_GENESIS_HASH);
    const check = ajv.getSchema('https://kassa.dev/backoffice#/components/schemas/AuditEvent');
    expect(check?.(first)).toBe(true);
    const created = await post(first, 'audit:C1:1');
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(ajv.getSchema('https://kassa.dev/backoffice#/components/schemas/RecordAccepted')?.(body)).toBe(true);
    expect((await post(first, 'audit:C1:1')).status).toBe(201);
    // The same row under another key (a manager's resend): still one row.
    expect((await post(first, 'audit:C1:1:resend-1')).status).toBe(200);

    const second = row(2, first.hash);
    expect((await post({ ...second, note: 'nothing happened' }, 'audit:C1:2')).status).toBe(422);
    expect((await post(second, 'audit:C1:2b')).status).toBe(201);
    const other = row(1, AUDIT_GENESIS_HASH, 'payment.void');
    const conflict = await post(other, 'audit:C1:1:other');
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).type).toBe('https://kassa.dev/problems/audit-chain-conflict');

    expect(server.store.auditEvents.forStation('C1').map((e) => e.seq)).toEqual([1, 2]);
    expect(server.store.auditEvents.verify('C1')).toEqual({ ok: true, rows: 2, brokenAt: null });
  });
});
