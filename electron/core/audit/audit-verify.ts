import type { AuditVerification } from '../../../shared/api/audit-schemas';
import { AUDIT_GENESIS_HASH } from '../../../shared/audit/audit-canonical';
import { m0230AuditChain } from '../db/migrations/0230-audit-chain';
import type { Db } from '../db/types';
import { AUDIT_ROW_COLUMNS, type AuditRow, auditHash } from './audit-row';

/** The guards of migration 0150; a tamperer with raw SQL has to drop them first. */
const GUARDS = [
  'audit_events_no_update',
  'audit_events_no_delete',
  'audit_events_extend_chain',
  'audit_events_move_head',
  'audit_head_no_delete',
  'audit_head_follows_chain',
];
/**
 * Migration 0230's guards of the chain id. A file from before chain ids has neither table nor guards;
 * the schema version (PRAGMA user_version, set by migrate) tells that file apart from one whose
 * table and guards were dropped together.
 */
const CHAIN_GUARDS = ['audit_chain_no_update', 'audit_chain_no_delete'];

/**
 * Re-checks the whole chain from row 1: every row's hash over its own fields (an edited row), the
 * seq without gaps (a deleted row), each row's prev_hash against the row before (rows relinked or
 * reordered), and the head against the newest row (the newest rows deleted). Then the guards.
 * Reads only, so the command-line check can run it on a copy of a counter's file.
 */
export function verifyAuditChain(db: Db): AuditVerification {
  let checked = 0;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  const broken = (brokenAt: number, reason: NonNullable<AuditVerification['reason']>): AuditVerification => ({
    ok: false,
    checked,
    brokenAt,
    reason,
  });
  const rows = db.prepare<[], AuditRow>(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events ORDER BY seq`).iterate();
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      rows.return?.();
      return broken(expectedSeq, 'deleted');
    }
    checked += 1;
    const { hash, ...fields } = row;
    if (auditHash(fields) !== hash) {
      rows.return?.();
      return broken(row.seq, 'edited');
    }
    if (row.prevHash !== prevHash) {
      rows.return?.();
      return broken(row.seq, 'relinked');
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1').get();
  if (!head || head.seq !== expectedSeq - 1 || head.hash !== prevHash) return broken(expectedSeq, 'head_mismatch');
  const present = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
      .all()
      .map((t) => t.name),
  );
  const chained =
    Number(db.pragma('user_version', { simple: true })) >= m0230AuditChain.version ||
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_chain'").get() !== undefined;
  if ([...GUARDS, ...(chained ? CHAIN_GUARDS : [])].some((guard) => !present.has(guard)))
    return { ok: false, checked, brokenAt: null, reason: 'guards_removed' };
  return { ok: true, checked, brokenAt: null, reason: null };
}
