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
  const shownZ = day?.state === 'closed' ? day.number : null;
  const z = useQuery({ ...dayQueries.z(api, shownZ ?? 0), enabled: shownZ !== null });
  const history = useQuery(dayQueries.history(api));
  const open = useDayAction((client, _: undefined) => client.call('day.open', {}));

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
            onClick={() => open.mutate(undefined)}
          >
            {t('day.openNext')}
          </button>
        </div>
      )}
      <ActionProblem error={open.error ?? x.error} />
      {isOpen && x.data && (
        <>
          <DayReportView report={x.data} />
          {!closing ? (
            <div className="status-actions day-buttons">
              <button type="button" className="primary-action" onClick={() => setClosing(true)}>
                {t('day.close')}
              </button>
            </div>
          ) : (
            <CloseDay report={x.data} onClosed={() => setClosing(false)} />
          )}
        </>
      )}
      {shownZ !== null && z.data && (
        <>
          <DayReportView report={z.data} />
          <ZActions number={shownZ} />
        </>
      )}
      {(history.data?.length ?? 0) > 0 && (
        <section aria-label={t('day.history')}>
          <h2>{t('day.history')}</h2>
          <table className="today-table">
            <tbody>
              {history.data?.map((d) => (
                <tr key={d.number}>
                  <td>{t('day.zTitle', { number: d.number })}</td>
                  <td>{formatTime(d.openedAt, language)}</td>
                  <td>{d.closedAt ? formatTime(d.closedAt, language) : '—'}</td>
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
