import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EXCEPTION_KINDS, type ReconciliationExceptionDto } from '../../../../shared/api/reconciliation-schemas';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useMoney, useT } from '../../i18n/use-i18n';
import { type ExceptionFilter, reconQueries, useResolveException } from './queries';

/** Every mismatch between the counter and the providers' settlements, filtered; each resolved with a note. */
export function ExceptionsList() {
  const api = useApi();
  const t = useT();
  const [filter, setFilter] = useState<ExceptionFilter>({ state: 'open' });
  const list = useQuery(reconQueries.exceptions(api, filter));
  const providers = useQuery(reconQueries.status(api)).data?.accounts.map((a) => a.provider) ?? [];
  const rows = list.data ?? [];
  const set = (patch: Partial<ExceptionFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="recon-section" aria-labelledby="recon-exceptions">
      <h2 id="recon-exceptions">{t('recon.exceptions')}</h2>
      <div className="recon-filters">
        <label>
          {t('recon.filterState')}
          <select value={filter.state} onChange={(e) => set({ state: e.target.value as ExceptionFilter['state'] })}>
            <option value="open">{t('recon.state.open')}</option>
            <option value="resolved">{t('recon.state.resolved')}</option>
            <option value="all">{t('recon.state.all')}</option>
          </select>
        </label>
        <label>
          {t('recon.filterKind')}
          <select
            value={filter.kind ?? ''}
            onChange={(e) => set({ kind: (e.target.value || undefined) as ExceptionFilter['kind'] })}
          >
            <option value="">{t('recon.any')}</option>
            {EXCEPTION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`recon.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('recon.filterProvider')}
          <select value={filter.provider ?? ''} onChange={(e) => set({ provider: e.target.value || undefined })}>
            <option value="">{t('recon.any')}</option>
            {[...new Set(providers)].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('recon.filterFrom')}
          <input type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label>
          {t('recon.filterTo')}
          <input type="date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('recon.noExceptions')}</p>
      ) : (
        <table className="today-table recon-exceptions">
          <thead>
            <tr>
              <th>{t('recon.day')}</th>
              <th>{t('recon.filterKind')}</th>
              <th>{t('recon.provider')}</th>
              <th>{t('recon.reference')}</th>
              <th className="num">{t('recon.expected')}</th>
              <th className="num">{t('recon.actual')}</th>
              <th>{t('recon.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ExceptionRow key={row.id} row={row} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ExceptionRow({ row }: { row: ReconciliationExceptionDto }) {
  const t = useT();
  const money = useMoney();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const resolve = useResolveException();
  const amount = (minor: number | null) => (minor === null ? '—' : money(minor, row.currency));
  return (
    <>
      <tr data-testid={`exception-${row.id}`}>
        <td>{row.occurredOn}</td>
        <td>{t(`recon.kind.${row.kind}`)}</td>
        <td>{row.provider}</td>
        <td className="mono">{row.reference ?? '—'}</td>
        <td className="num">{amount(row.expectedMinor)}</td>
        <td className="num">{amount(row.actualMinor)}</td>
        <td>
          {row.resolvedAt ? (
            row.autoResolved ? (
              t('recon.resolvedAuto')
            ) : (
              t('recon.resolvedBy', { who: row.resolvedBy ?? '', note: row.note ?? '' })
            )
          ) : (
            <button
              type="button"
              className="small-button recon-big"
              aria-label={t('recon.resolveFor', { id: row.id })}
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              {t('recon.resolve')}
            </button>
          )}
        </td>
      </tr>
      {open && !row.resolvedAt && (
        <tr>
          <td colSpan={7}>
            <form
              className="recon-resolve"
              onSubmit={(e) => {
                e.preventDefault();
                resolve.mutate({ id: row.id, note: note.trim() }, { onSuccess: () => setOpen(false) });
              }}
            >
              <label className="field-label" htmlFor={`recon-note-${row.id}`}>
                {t('recon.note')}
              </label>
              <textarea
                id={`recon-note-${row.id}`}
                className="search-input"
                value={note}
                minLength={3}
                maxLength={500}
                rows={2}
                onChange={(e) => setNote(e.target.value)}
              />
              <ActionProblem error={resolve.error} />
              <div className="recon-actions">
                <button
                  type="submit"
                  className="pay-button recon-big"
                  disabled={note.trim().length < 3 || resolve.isPending}
                >
                  {t('recon.save')}
                </button>
                <button type="button" className="cancel-button recon-big" onClick={() => setOpen(false)}>
                  {t('recon.cancel')}
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}
