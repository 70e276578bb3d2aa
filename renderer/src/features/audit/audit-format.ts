import type { AuditEventDto } from '../../../../shared/api/audit-schemas';

/** When a row was written, date and time, in the screen's language. */
export function formatWhen(iso: string, language: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));
}

function show(value: unknown, language: 'nl' | 'en'): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') {
    const money = value as { minor?: unknown; currency?: unknown };
    if (typeof money.minor === 'number' && typeof money.currency === 'string') {
      // Minor units with their own currency: its number of decimals, never assumed to be euros.
      const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
        style: 'currency',
        currency: money.currency,
      });
      return format.format(money.minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** "field: before → after" where both name it, else the one value (the `changed` list is the row's own index). */
export function describeChanges(row: Pick<AuditEventDto, 'before' | 'after'>, language: 'nl' | 'en'): string[] {
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'changed');
  return keys.map((key) =>
    key in before && key in after
      ? `${key}: ${show(before[key], language)} → ${show(after[key], language)}`
      : key in after
        ? `${key}: ${show(after[key], language)}`
        : `${key}: ${show(before[key], language)}`,
  );
}
