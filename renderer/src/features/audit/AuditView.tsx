import './audit.css';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditListInput } from '../../../../shared/api/audit-schemas';
import { hasMessage } from '../../../../shared/i18n/translate';
import { useApi } from '../../api/api-context';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { AuditVerifyButton } from './AuditVerifyButton';
import { describeChanges, formatWhen } from './audit-format';

type Filters = Pick<AuditListInput, 'person' | 'action' | 'from' | 'to' | 'subjectId'>;

/** A manager's view of the audit trail (ADR 0016): who did what, where, when, approved by whom. */
export function AuditView() {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const [filters, setFilters] = useState<Filters>({});
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: event.target.value.trim() || undefined }));
  const trail = useInfiniteQuery({
    queryKey: ['audit', 'list', filters],
    queryFn: ({ pageParam }) => api.call('audit.list', { ...filters, beforeSeq: pageParam, limit: 100 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const rows = trail.data?.pages.flatMap((p) => p.items) ?? [];
  const actions = trail.data?.pages[0]?.actions ?? [];
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return hasMessage(key) ? t(key) : action;
  };

  return (
    <section className="audit-view" aria-label={t('audit.title')}>
      <header className="audit-head">
        <h1>{t('audit.title')}</h1>
        <AuditVerifyButton />
      </header>
      <p className="muted">{t('audit.help')}</p>
      {(trail.data?.pages[0]?.notDelivered ?? 0) > 0 && (
        <p className="muted" data-testid="audit-not-delivered">
          {t('audit.notDelivered', { count: trail.data?.pages[0]?.notDelivered ?? 0 })}
        </p>
      )}
      <fieldset className="audit-filters" aria-label={t('audit.filters')}>
        <label>
          {t('audit.filter.person')}
          <input type="search" value={filters.person ?? ''} onChange={set('person')} />
        </label>
        <label>
          {t('audit.filter.action')}
          <select value={filters.action ?? ''} onChange={set('action')}>
            <option value="">{t('audit.filter.allActions')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.from')}
          <input type="date" value={filters.from ?? ''} onChange={set('from')} />
        </label>
        <label>
          {t('audit.filter.to')}
          <input type="date" value={filters.to ?? ''} onChange={set('to')} />
        </label>
        <label>
          {t('audit.filter.payment')}
          <input type="search" value={filters.subjectId ?? ''} onChange={set('subjectId')} />
        </label>
      </fieldset>
      {rows.length === 0 && trail.isSuccess ? (
        <p className="muted">{t('audit.none')}</p>
      ) : (
        <table className="today-table audit-table">
          <thead>
            <tr>
              <th>{t('audit.col.when')}</th>
              <th>{t('audit.col.who')}</th>
              <th>{t('audit.col.station')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.subject')}</th>
              <th>{t('audit.col.approver')}</th>
              <th>{t('audit.col.changes')}</th>
              <th>{t('audit.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.seq} data-action={row.action}>
                <td className="mono" title={`#${row.seq} ${row.hash}`}>
                  {formatWhen(row.at, language)}
                </td>
                <td>{row.actor ? row.actor.name : <span className="muted">{t('audit.system')}</span>}</td>
                <td>{row.station}</td>
                <td>{actionLabel(row.action)}</td>
                <td className="mono">{row.subject ? `${row.subject.kind} ${row.subject.id}` : '—'}</td>
                <td>{row.approver?.name ?? '—'}</td>
                <td className="small audit-changes">
                  {describeChanges(row, language).map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </td>
                <td className="small">{row.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {trail.hasNextPage && (
        <button
          type="button"
          className="small-button"
          disabled={trail.isFetchingNextPage}
          onClick={() => trail.fetchNextPage()}
        >
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}
