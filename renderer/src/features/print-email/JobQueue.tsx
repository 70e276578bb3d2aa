import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { JobList } from './JobList';

/** The print and mail queue: waiting, failed and uncertain jobs, with retry (in Settings and on the Sync screen). */
export function JobQueue({ className = 'settings-form' }: { className?: string }) {
  const api = useApi();
  const t = useT();
  const jobs = useQuery({ queryKey: ['jobs.list'], queryFn: () => api.call('jobs.list', {}), refetchInterval: 2_000 });
  return (
    <section className={className} aria-label={t('jobs.title')}>
      <h2>{t('jobs.title')}</h2>
      <JobList jobs={jobs.data ?? []} label={t('jobs.title')} />
    </section>
  );
}
