import './day.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { CloseDay } from './CloseDay';
import { DayReportView } from './DayReportView';
import { dayQueries, useDayAction } from './day-queries';
import { ZActions } from './ZActions';

/**
 * End of day at this station: the live X report while the day is open, "Close day" (blockers,
 * manager override), the Z with print / e-mail / PDF, and "Open next day" once it is closed.
 */
export function DayView() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const current = useQuery(dayQueries.current(api));
  const day = current.data?.day ?? null;
  const isOpen = day?.state === 'open';
  const x = useQuery(dayQueries.x(api, isOpen));
  const [closing, setClosing] = useState(false);
  // An earlier Z picked from the list (a reprint); otherwise the one just closed.
  const [picked, setPicked] = useState<number | null>(null);
  const shownZ = picked ?? (day?.state === 'closed' ? day.number : null);
  const z = useQuery({ ...dayQueries.z(api, shownZ ?? 0), enabled: shownZ !== null });
  const history = useQuery(dayQueries.history(api));
  const closedDays = (history.data ?? []).filter((d) => d.state === 'closed');
  const open = useDayAction((client, _: undefined) => client.call('day.open', {}));
  // On request only: the live X refreshes every few seconds and must not wait for any provider.
  const ask = useDayAction((client, _: undefined) => client.call('day.askProviders', {}));
  const asked = ask.data?.number === day?.number ? (ask.data?.providerCheck ?? null) : null;
  const shownX = x.data ? { ...x.data, providerCheck: asked } : undefined;
  const offered = x.data?.currencies.some((c) => c.tenders.some((line) => line.reported === 'offered')) ?? false;

  return (
    <section className="day-view" aria-label={t('day.title')}>
      <h1>{t('day.title')}</h1>
      <p className="day-state" data-testid="day-state">
        {day === null
          ? t('day.state.none')
          : day.state === 'open'
            ? t('day.state.open', { number: day.number, time: formatTime(day.openedAt, language), by: day.openedBy })
            : t('day.state.closed', {
                number: day.number,
                time: formatTime(day.closedAt ?? day.openedAt, language),
                by: day.closedBy ?? '',
              })}
      </p>
      {!isOpen && (
        <div className="status-actions day-buttons">
          <button
            type="button"
            className="primary-action"
            disabled={open.isPending}
            onClick={() => open.mutate(undefined, { onSuccess: () => setPicked(null) })}
          >
            {t('day.openNext')}
          </button>
        </div>
      )}
      <ActionProblem error={open.error ?? ask.error ?? x.error} />
      {isOpen && shownX && (
        <>
          <DayReportView report={shownX} />
          {!closing ? (
            <div className="status-actions day-buttons">
              {offered && (
                <button
                  type="button"
                  className="small-button"
                  disabled={ask.isPending}
                  aria-busy={ask.isPending}
                  onClick={() => ask.mutate(undefined)}
                >
                  {ask.isPending ? t('day.asking') : t('day.askProviders')}
                </button>
              )}
              <button type="button" className="primary-action" onClick={() => setClosing(true)}>
                {t('day.close')}
              </button>
            </div>
          ) : (
            <CloseDay report={shownX} onClosed={() => setClosing(false)} />
          )}
        </>
      )}
      {shownZ !== null && z.data && (
        <>
          <DayReportView report={z.data} />
          <ZActions number={shownZ} />
        </>
      )}
      {closedDays.length > 0 && (
        <section aria-label={t('day.history')}>
          <h2>{t('day.history')}</h2>
          <table className="today-table" aria-label={t('day.history')}>
            <thead>
              <tr>
                <th>{t('day.zColumn')}</th>
                <th>{t('day.openedBy')}</th>
                <th>{t('day.closedBy')}</th>
                <th className="num">{t('day.net')}</th>
              </tr>
            </thead>
            <tbody>
              {closedDays.map((d) => (
                <tr key={d.number}>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-pressed={shownZ === d.number}
                      onClick={() => setPicked(d.number)}
                    >
                      {t('day.zTitle', { number: d.number })}
                    </button>
                  </td>
                  <td>
                    {d.openedBy}, {formatTime(d.openedAt, language)}
                  </td>
                  <td>
                    {d.closedBy}, {d.closedAt ? formatTime(d.closedAt, language) : ''}
                  </td>
                  <td className="num">{d.net.map((n) => money(n.minor, n.currency)).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
