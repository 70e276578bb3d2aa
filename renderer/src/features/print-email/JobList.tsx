import './print-email.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobDto } from '../../../../shared/api/print-email-schemas';
import { useApi } from '../../api/api-context';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { Problem } from './use-problem';

const when = (iso: string, language: 'nl' | 'en') =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );

const minutesSince = (iso: string) => Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));

/** Print and e-mail jobs: what, where to, when, by whom, and what a manager can do about one. */
export function JobList({ jobs, label }: { jobs: JobDto[]; label: string }) {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'jobs.retry' | 'jobs.confirmSent' | 'jobs.cancel' }) =>
      api.call(action, { id }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  if (jobs.length === 0) return <p className="muted">{t('jobs.empty')}</p>;
  return (
    <>
      <Problem error={act.error} />
      <table className="today-table" aria-label={label}>
        <thead>
          <tr>
            <th>{t('jobs.col.what')}</th>
            <th>{t('jobs.col.to')}</th>
            <th>{t('jobs.col.state')}</th>
            <th>{t('jobs.col.when')}</th>
            <th>{t('jobs.col.by')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} className={`job-row-${job.status}`}>
              <td>
                {t(`jobs.kind.${job.kind}`)} · {job.purpose}
              </td>
              <td className="mono small">{job.target}</td>
              <td>
                <span className="badge">{t(`jobs.state.${job.status}`)}</span>
                {job.lastError && job.status !== 'sent' && <div className="small">{job.lastError}</div>}
                {job.attempts > 1 && <div className="small">{t('jobs.attempts', { count: job.attempts })}</div>}
              </td>
              <td>
                {when(job.sentAt ?? job.createdAt, language)}
                {job.status !== 'sent' && job.status !== 'cancelled' && (
                  <div className="small">{t('jobs.waitingFor', { minutes: minutesSince(job.createdAt) })}</div>
                )}
              </td>
              <td>{job.requestedBy}</td>
              <td>
                {['failed', 'uncertain', 'waiting'].includes(job.status) && (
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => act.mutate({ id: job.id, action: 'jobs.retry' })}
                  >
                    {t(job.status === 'uncertain' ? 'jobs.sendAgain' : 'jobs.retry')}
                  </button>
                )}
                {job.status === 'uncertain' && (
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => act.mutate({ id: job.id, action: 'jobs.confirmSent' })}
                  >
                    {t('jobs.confirmSent')}
                  </button>
                )}
                {['failed', 'uncertain', 'waiting'].includes(job.status) && (
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => act.mutate({ id: job.id, action: 'jobs.cancel' })}
                  >
                    {t('jobs.cancel')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
