import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { JobList } from '../print-email/JobList';
import { dayQueries, useDayAction } from './day-queries';

/** Print, e-mail or open a stored Z, with its jobs' progress (the durable print/e-mail queue). */
export function ZActions({ number }: { number: number }) {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const [to, setTo] = useState('');
  const jobs = useQuery(dayQueries.jobs(api, number));
  const print = useDayAction((client, n: number) => client.call('day.printZ', { number: n }));
  const email = useDayAction((client, input: { number: number; to: string }) => client.call('day.emailZ', input));
  const [pdfError, setPdfError] = useState<unknown>(null);

  async function openPdf() {
    setPdfError(null);
    const viewer = window.open('', '_blank');
    try {
      const file = await api.call('day.zPdf', { number, language });
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      if (viewer) viewer.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      viewer?.close();
      setPdfError(error);
    }
  }

  return (
    <section className="z-actions" aria-label={t('day.zTitle', { number })}>
      <div className="status-actions day-buttons">
        <button
          type="button"
          className="secondary-action"
          disabled={print.isPending}
          onClick={() => print.mutate(number)}
        >
          {t('day.printZ')}
        </button>
        <button type="button" className="secondary-action" onClick={() => void openPdf()}>
          {t('day.pdfZ')}
        </button>
      </div>
      <form
        className="day-email"
        onSubmit={(e) => {
          e.preventDefault();
          if (to.trim()) email.mutate({ number, to: to.trim() });
        }}
      >
        <label className="field-label" htmlFor={`z-email-${number}`}>
          {t('day.emailTo')}
        </label>
        <input
          id={`z-email-${number}`}
          className="search-input"
          type="email"
          autoComplete="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" className="secondary-action" disabled={email.isPending || !to.trim()}>
          {t('day.emailZ')}
        </button>
      </form>
      <ActionProblem error={print.error ?? email.error ?? pdfError} />
      <h3>{t('day.jobs')}</h3>
      <JobList jobs={jobs.data ?? []} label={t('day.jobs')} />
    </section>
  );
}
