import { useQuery } from '@tanstack/react-query';
import { hasMessage } from '../../../../shared/i18n/translate';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { JobQueue } from '../print-email/JobQueue';
import { useRetrySyncItem, useSyncNow } from './mutations';

/** What has not reached the back-office yet, why, and a way to try again. */
export function SyncView() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const items = useQuery({ ...queries.syncItems(api), refetchInterval: 2_000 });
  const status = useQuery(queries.status(api)).data?.sync;
  const retry = useRetrySyncItem();
  const syncNow = useSyncNow();
  const rows = items.data ?? [];
  const now = Date.now();

  return (
    <section className="sync-view" aria-label={t('sync.title')}>
      <header className="sync-head">
        <h1>{t('sync.title')}</h1>
        <button type="button" className="small-button" disabled={syncNow.isPending} onClick={() => syncNow.mutate()}>
          {t('sync.now')}
        </button>
      </header>
      {status?.lastError && <p className="muted">{t('sync.lastError', { error: status.lastError })}</p>}
      {rows.some((r) => r.state === 'held') && <p className="problem">{t('sync.heldExplained')}</p>}
      {rows.length === 0 ? (
        <p className="muted">{t('sync.empty')}</p>
      ) : (
        <table className="today-table" aria-label={t('sync.title')}>
          <thead>
            <tr>
              <th>{t('sync.col.item')}</th>
              <th>{t('sync.col.customer')}</th>
              <th className="num">{t('sync.col.amount')}</th>
              <th>{t('sync.col.state')}</th>
              <th>{t('sync.col.reason')}</th>
              <th>{t('sync.col.age')}</th>
              <th className="num">{t('sync.col.attempts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const kindKey = `sync.kind.${row.kind}`;
              return (
                <tr key={row.id} className={`sync-row-${row.state}`}>
                  <td>
                    {hasMessage(kindKey) ? t(kindKey) : row.kind}
                    <div className="mono small">{row.reference}</div>
                  </td>
                  <td>{row.customerName}</td>
                  <td className="num">{row.amount ? money(row.amount.minor, row.amount.currency) : ''}</td>
                  <td>
                    <span className="badge">{t(`sync.state.${row.state}`)}</span>
                  </td>
                  <td className="small">{row.reason}</td>
                  <td title={formatTime(row.createdAt, language)}>
                    {t('sync.age', { minutes: Math.max(0, Math.round((now - Date.parse(row.createdAt)) / 60_000)) })}
                  </td>
                  <td className="num">{row.attempts}</td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('sync.retryItem', { reference: row.reference ?? String(row.id) })}
                      onClick={() => retry.mutate(row.id)}
                    >
                      {t('sync.retry')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {/* Receipts going out by mail or to a printer are queued work too: the same list as in Settings. */}
      <JobQueue className="sync-jobs" />
    </section>
  );
}
