/**
 * The exact text an audit row's hash is taken over, shared by the counter (which chains and checks
 * its rows) and any back-office that re-checks them (backoffice/audit-events.ts). Pure: the caller
 * hashes it (SHA-256 of the UTF-8 bytes, lowercase hex). Documented in docs/adr/0016-audit-trail.md;
 * changing it breaks every chain written before, so a new form needs a new version prefix.
 */
export const AUDIT_HASH_VERSION = 'kassa-audit-v1';

/** The row 1's `prev_hash`: 64 zeros. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** One audit row as it is hashed; `beforeJson`/`afterJson` are the stored text, not re-serialised. */
export interface AuditHashFields {
  readonly seq: number;
  readonly at: string;
  readonly station: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly actorRole: string | null;
  readonly approverId: string | null;
  readonly approverName: string | null;
  readonly action: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
  readonly note: string | null;
  readonly prevHash: string;
}

/**
 * `kassa-audit-v1` + "\n" + the JSON array of the fields in this order (JSON.stringify: strings
 * escaped as ECMA-262 says, integers as digits, null as null, no spaces).
 */
export function auditCanonical(row: AuditHashFields): string {
  return `${AUDIT_HASH_VERSION}\n${JSON.stringify([
    row.seq,
    row.at,
    row.station,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.approverId,
    row.approverName,
    row.action,
    row.subjectKind,
    row.subjectId,
    row.beforeJson,
    row.afterJson,
    row.note,
    row.prevHash,
  ])}`;
}

/** JSON with object keys sorted at every level: the same values always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
