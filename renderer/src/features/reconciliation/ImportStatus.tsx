import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { reconQueries, useImportNow } from './queries';

/** Per provider account: when it was last imported, how many lines, the last error; and "Import now". */
export function ImportStatus() {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const status = useQuery(reconQueries.status(api));
  const importNow = useImportNow();
  const accounts = status.data?.accounts ?? [];
  const progress = status.data?.progress;
  const running = importNow.isPending || status.data?.running === true;

  return (
    <section className="recon-section" aria-labelledby="recon-imports">
      <div className="recon-head">
        <h2 id="recon-imports">{t('recon.imports')}</h2>
        <button type="button" className="pay-button recon-big" disabled={running} onClick={() => importNow.mutate()}>
          {t('recon.importNow')}
        </button>
      </div>
      {running && (
        <p role="status" className="recon-progress">
          {progress
            ? t('recon.importing', {
                provider: progress.provider,
                account: progress.account,
                pages: progress.pages,
                rows: progress.rows,
              })
            : t('recon.importingStart')}
        </p>
      )}
      {importNow.isSuccess && !running && (
        <p role="status">
          {t('recon.imported', { matched: importNow.data.matched, added: importNow.data.exceptionsAdded })}
        </p>
      )}
      <ActionProblem error={importNow.error} />
      {accounts.length === 0 ? (
        <p className="muted">{t('recon.noAccounts')}</p>
      ) : (
        <table className="today-table">
          <thead>
            <tr>
              <th>{t('recon.provider')}</th>
              <th>{t('recon.account')}</th>
              <th>{t('recon.lastImport')}</th>
              <th className="num">{t('recon.rows')}</th>
              <th>{t('recon.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={`${a.provider}/${a.account}`}>
                <td>{a.provider}</td>
                <td className="mono">{a.account}</td>
                <td>
                  {a.lastFinishedAt
                    ? `${a.lastFinishedAt.slice(0, 10)} ${formatTime(a.lastFinishedAt, language)}`
                    : t('recon.never')}
                </td>
                <td className="num">{a.rows}</td>
                <td className={a.lastError ? 'problem' : 'muted'}>{a.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
