import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { Problem } from './use-problem';
import { WebhookSecret } from './WebhookSecret';

const EVENTS = ['approved', 'refunded', 'failed', 'needs_manager'] as const;
const ACTIONS = ['email_customer', 'email_manager', 'print', 'webhook'] as const;
interface Rule {
  id?: string;
  enabled: boolean;
  event: (typeof EVENTS)[number];
  action: (typeof ACTIONS)[number];
  target: string | null;
}

/** "When … then …" rules; none by default, and one click for "e-mail every receipt to the customer". */
export function AutomationSettings() {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['automations.list'], queryFn: () => api.call('automations.list', {}) });
  const [rules, setRules] = useState<Rule[]>([]);
  useEffect(() => setRules(current.data ?? []), [current.data]);
  const saved = (next: Rule[]) => queryClient.setQueryData(['automations.list'], next);
  const save = useMutation({ mutationFn: () => api.call('automations.save', { rules }), onSuccess: saved });
  const oneClick = useMutation({ mutationFn: () => api.call('automations.emailEveryReceipt', {}), onSuccess: saved });
  const change = (i: number, patch: Partial<Rule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section className="pay-form settings-form" aria-label={t('auto.title')}>
      <h2>{t('auto.title')}</h2>
      {rules.length === 0 && <p className="muted">{t('auto.none')}</p>}
      <button type="button" className="small-button" disabled={oneClick.isPending} onClick={() => oneClick.mutate()}>
        {t('auto.emailEveryReceipt')}
      </button>
      {rules.map((rule, i) => (
        <fieldset key={rule.id ?? i} className="plain-fieldset" aria-label={t('auto.rule', { n: i + 1 })}>
          <label>
            <input type="checkbox" checked={rule.enabled} onChange={(e) => change(i, { enabled: e.target.checked })} />{' '}
            {t('auto.enabled')}
          </label>
          <label className="field-label">
            {t('auto.when')}
            <select value={rule.event} onChange={(e) => change(i, { event: e.target.value as Rule['event'] })}>
              {EVENTS.map((event) => (
                <option key={event} value={event}>
                  {t(`auto.event.${event}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-label">
            {t('auto.then')}
            <select value={rule.action} onChange={(e) => change(i, { action: e.target.value as Rule['action'] })}>
              {ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`auto.action.${action}`)}
                </option>
              ))}
            </select>
          </label>
          {(rule.action === 'email_manager' || rule.action === 'webhook') && (
            <label className="field-label">
              {t(rule.action === 'webhook' ? 'auto.url' : 'auto.managerEmail')}
              <input
                className="search-input"
                value={rule.target ?? ''}
                onChange={(e) => change(i, { target: e.target.value || null })}
              />
            </label>
          )}
          <button type="button" className="small-button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
            {t('auto.remove')}
          </button>
        </fieldset>
      ))}
      <Problem error={save.error ?? oneClick.error} />
      {(save.isSuccess || oneClick.isSuccess) && <p role="status">{t('auto.saved')}</p>}
      <div className="button-row">
        <button
          type="button"
          className="small-button"
          onClick={() =>
            setRules([...rules, { enabled: true, event: 'approved', action: 'email_customer', target: null }])
          }
        >
          {t('auto.add')}
        </button>
        <button type="button" className="small-button" disabled={save.isPending} onClick={() => save.mutate()}>
          {t('auto.save')}
        </button>
      </div>
      <WebhookSecret />
    </section>
  );
}
