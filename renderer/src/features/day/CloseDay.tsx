import { useState } from 'react';
import type { DayReport } from '../../../../shared/api/day-schemas';
import { ActionProblem } from '../../components/ActionProblem';
import { useT } from '../../i18n/use-i18n';
import { useDayAction } from './day-queries';

/**
 * "Close day": straight to the Z when nothing blocks; otherwise the blockers are listed and a
 * manager may close anyway with a note (audited as an override, printed on the Z).
 */
export function CloseDay({ report, onClosed }: { report: DayReport; onClosed: (number: number) => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const close = useDayAction((api, override: { note: string } | undefined) =>
    api.call('day.close', override ? { override } : {}),
  );
  const counts: Record<DayReport['blockers'][number], number> = {
    open_payments: report.open.payments.length,
    open_refunds: report.open.refunds,
    open_voids: report.open.voids,
    outbox_waiting: report.outboxWaiting,
  };
  const run = (override?: { note: string }) =>
    close.mutate(override, { onSuccess: (result) => onClosed(result.day.number) });
  const blocked = report.blockers.length > 0;

  return (
    <section className="day-close" aria-label={t('day.close')}>
      {blocked && (
        <div className="problem" role="status">
          <p>{t('day.blocked')}</p>
          <ul>
            {report.blockers.map((b) => (
              <li key={b}>{t(`day.blocker.${b}`, { count: counts[b] })}</li>
            ))}
          </ul>
        </div>
      )}
      <ActionProblem error={close.error} />
      {close.isPending && (
        <p className="muted" role="status">
          {t('day.asking')}
        </p>
      )}
      {!blocked && (
        <div className="status-actions">
          <button type="button" className="primary-action" disabled={close.isPending} onClick={() => run()}>
            {t('day.closeConfirm')}
          </button>
        </div>
      )}
      {blocked && !asking && (
        <div className="status-actions">
          <button type="button" className="secondary-action" onClick={() => setAsking(true)}>
            {t('day.override')}
          </button>
        </div>
      )}
      {blocked && asking && (
        <div className="day-override">
          <label className="field-label" htmlFor="day-override-note">
            {t('day.overrideAsk')}
          </label>
          <textarea
            id="day-override-note"
            className="search-input"
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="status-actions">
            <button
              type="button"
              className="primary-action"
              disabled={close.isPending || note.trim().length < 3}
              onClick={() => run({ note: note.trim() })}
            >
              {t('day.overrideConfirm')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
