import { createHash } from 'node:crypto';
import { type AuditHashFields, auditCanonical } from '../../../shared/audit/audit-canonical';

/** One stored audit row (audit_events, migration 0150), as the core reads it. */
export interface AuditRow extends AuditHashFields {
  readonly hash: string;
}

export const AUDIT_ROW_COLUMNS = `seq, at, station, actor_id AS actorId, actor_name AS actorName, actor_role AS actorRole,
  approver_id AS approverId, approver_name AS approverName, action, subject_kind AS subjectKind,
  subject_id AS subjectId, before_json AS beforeJson, after_json AS afterJson, note, prev_hash AS prevHash, hash`;

/** SHA-256 (lowercase hex) of the row's canonical text (docs/adr/0016-audit-trail.md). */
export function auditHash(fields: AuditHashFields): string {
  return createHash('sha256').update(auditCanonical(fields), 'utf8').digest('hex');
}
