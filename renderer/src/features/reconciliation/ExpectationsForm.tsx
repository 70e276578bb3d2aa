import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useT } from '../../i18n/use-i18n';
import { reconKeys } from './queries';

const expectationsKey = ['reconciliation', 'expectations'] as const;

/** Per provider: within how many days a payment should be settled, and the highest normal fee. */
export function ExpectationsForm() {
  const api = useApi();
  const t = useT();
  const list = useQuery({ queryKey: expectationsKey, queryFn: () => api.call('reconciliation.expectations', {}) });
  const rows = list.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="recon-section" aria-labelledby="recon-expectations">
      <h2 id="recon-expectations">{t('recon.expectations')}</h2>
      <p className="muted">{t('recon.expectationsHelp')}</p>
      {rows.map((row) => (
        <ExpectationRow key={row.provider} {...row} />
      ))}
    </section>
  );
}

function ExpectationRow(props: { provider: string; settleDays: number; maxFeeBps: number }) {
  const api = useApi();
  const t = useT();
  const client = useQueryClient();
  const [days, setDays] = useState(String(props.settleDays));
  const [fee, setFee] = useState((props.maxFeeBps / 100).toFixed(2));
  const save = useMutation({
    mutationFn: () =>
      api.call('reconciliation.configure', {
        provider: props.provider,
        settleDays: Number(days),
        maxFeeBps: Math.round(Number(fee.replace(',', '.')) * 100),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: expectationsKey });
      void client.invalidateQueries({ queryKey: reconKeys.all });
    },
  });
  const valid = /^\d{1,2}$/.test(days) && /^\d{1,3}([.,]\d{1,2})?$/.test(fee) && Number(fee.replace(',', '.')) <= 100;
  return (
    <form
      className="recon-filters"
      onSubmit={(e) => {
        e.preventDefault();
        setFee(fee.replace(',', '.'));
        save.mutate();
      }}
    >
      <span className="strong recon-provider">{props.provider}</span>
      <label>
        {t('recon.settleDays')}
        <input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value.trim())} />
      </label>
      <label>
        {t('recon.maxFee')}
        <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value.trim())} />
      </label>
      <button type="submit" className="small-button recon-big" disabled={!valid || save.isPending}>
        {t('recon.saveFor', { provider: props.provider })}
      </button>
      {save.isSuccess && <span role="status">{t('recon.saved')}</span>}
      <ActionProblem error={save.error} />
    </form>
  );
}
