import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useT } from '../../i18n/use-i18n';
import { reconKeys } from './queries';

const timeZoneKey = ['reconciliation', 'timeZone'] as const;
/** The zone names this browser knows, offered while typing (an older engine offers none). */
const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** The shop's time zone: the report's days and the exceptions' days are calendar days there. */
export function TimeZoneForm() {
  const api = useApi();
  const t = useT();
  const client = useQueryClient();
  const current = useQuery({ queryKey: timeZoneKey, queryFn: () => api.call('reconciliation.timeZone', {}) });
  const [zone, setZone] = useState('');
  useEffect(() => {
    if (current.data) setZone(current.data.source === 'setting' ? current.data.timeZone : '');
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => api.call('reconciliation.setTimeZone', { timeZone: zone.trim() === '' ? null : zone.trim() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: timeZoneKey });
      void client.invalidateQueries({ queryKey: reconKeys.all });
    },
  });
  if (!current.data) return null;
  return (
    <section className="recon-section" aria-labelledby="recon-time-zone">
      <h2 id="recon-time-zone">{t('recon.timeZoneTitle')}</h2>
      <p className="muted">{t('recon.timeZoneHelp', { zone: current.data.systemTimeZone })}</p>
      <form
        className="recon-filters"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('recon.timeZoneLabel')}
          <input
            list="recon-zones"
            value={zone}
            placeholder={current.data.systemTimeZone}
            onChange={(e) => setZone(e.target.value)}
          />
        </label>
        <datalist id="recon-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <button type="submit" className="small-button recon-big" disabled={save.isPending}>
          {t('recon.timeZoneSave')}
        </button>
        {save.isSuccess && <span role="status">{t('recon.saved')}</span>}
        <ActionProblem error={save.error} />
      </form>
    </section>
  );
}
