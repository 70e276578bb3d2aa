import type { AuditEventDto, AuditListInput, AuditPage } from '../../../shared/api/audit-schemas';
import type { Db } from '../db/types';
import { AUDIT_ROW_COLUMNS, type AuditRow } from './audit-row';

/** A local calendar day's start as the stored UTC text (`at` is ISO 8601 UTC, so it sorts as text). */
function startOfDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}

function parsed(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

export function toAuditEventDto(row: AuditRow): AuditEventDto {
  return {
    seq: row.seq,
    at: row.at,
    station: row.station,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? row.actorId, role: row.actorRole } : null,
    approver: row.approverId ? { id: row.approverId, name: row.approverName ?? row.approverId } : null,
    action: row.action,
    subject: row.subjectKind && row.subjectId ? { kind: row.subjectKind, id: row.subjectId } : null,
    before: parsed(row.beforeJson),
    after: parsed(row.afterJson),
    note: row.note,
    hash: row.hash,
  };
}

/** The trail for a manager's screen: newest first, filtered by person, action, days and subject. */
export function createAuditQuery(db: Db) {
  const actions = db.prepare<[], { action: string }>('SELECT DISTINCT action FROM audit_events ORDER BY action');
  const notDelivered = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE kind = 'audit_event' AND state <> 'delivered'",
  );
  return (input: AuditListInput): AuditPage => {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (input.person) {
      where.push(`(actor_id = @person OR approver_id = @person OR actor_name LIKE @personLike ESCAPE '\\'
        OR approver_name LIKE @personLike ESCAPE '\\')`);
      params.person = input.person;
      params.personLike = `%${input.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (input.action) {
      if (input.action.endsWith('.')) {
        where.push('substr(action, 1, length(@action)) = @action');
      } else where.push('action = @action');
      params.action = input.action;
    }
    if (input.from) {
      where.push('at >= @from');
      params.from = startOfDay(input.from);
    }
    if (input.to) {
      where.push('at < @to');
      params.to = startOfDay(input.to, 1);
    }
    if (input.subjectId) {
      // The subject itself, or a row that names it (a refund decision names its payment).
      where.push(`(subject_id = @subject OR instr(coalesce(before_json, ''), @quoted) > 0
        OR instr(coalesce(after_json, ''), @quoted) > 0)`);
      params.subject = input.subjectId;
      params.quoted = JSON.stringify(input.subjectId);
    }
    if (input.beforeSeq) {
      where.push('seq < @beforeSeq');
      params.beforeSeq = input.beforeSeq;
    }
    const limit = input.limit ?? 100;
    const rows = db
      .prepare<Record<string, string | number>, AuditRow>(
        `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ${limit + 1}`,
      )
      .all(params);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toAuditEventDto),
      nextBeforeSeq: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      actions: actions.all().map((a) => a.action),
      notDelivered: notDelivered.get()?.n ?? 0,
    };
  };
}
