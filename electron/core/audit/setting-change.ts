import type { AuditEntry } from './audit-entry';

type Values = Readonly<Record<string, unknown>> | null | undefined;

/**
 * A settings change as the trail keeps it: only the settings that changed, by name, with their old
 * and new values (and their names in `changed`); a secret (token, password) only as "set" /
 * "not set" before and "changed" / "cleared" after. A save that changed nothing is still written,
 * with an empty `changed`: the manager pressed Save.
 */
export function settingChange(
  action: string,
  subject: AuditEntry['subject'],
  before: Values,
  after: Values,
  secretKeys: readonly string[] = [],
): AuditEntry {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of [...keys].sort()) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (secretKeys.includes(key)) {
      was[key] = a ? 'set' : 'not set';
      now[key] = b ? 'changed' : 'cleared';
    } else {
      was[key] = a;
      now[key] = b;
    }
  }
  return { action, subject, before: before ? was : null, after: { ...now, changed: Object.keys(now) } };
}
