import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';
import { useDiscoverTerminals, useSetTerminalConnection } from './mutations';

/**
 * Terminals on the shop network (a provider whose module discovers them, e.g. PAY.ECR): find them and
 * choose, per terminal, whether the counter talks to it through the provider's cloud or directly
 * over the LAN.
 */
export function LanTerminals({ providerId }: { providerId: string }) {
  const api = useApi();
  const t = useT();
  const terminals = useQuery(queries.terminals(api));
  const discover = useDiscoverTerminals();
  const setConnection = useSetTerminalConnection();
  const pay = (terminals.data ?? []).filter((x) => x.provider === providerId && x.connection !== null);
  if (pay.length === 0) return null;
  const found = new Map((discover.data ?? []).map((d) => [d.code, d]));

  return (
    <section className="lan-terminals" aria-label={t('lan.title')}>
      <h3>{t('lan.title')}</h3>
      <p className="muted small">{t('lan.help')}</p>
      <button type="button" className="small-button" disabled={discover.isPending} onClick={() => discover.mutate()}>
        {discover.isPending ? t('lan.searching') : t('lan.discover')}
      </button>
      {discover.isSuccess && <p role="status">{t('lan.found', { count: discover.data.length })}</p>}
      <ul className="lan-list">
        {pay.map((terminal) => (
          <li key={terminal.id}>
            <label className="field-label" htmlFor={`lan-${terminal.id}`}>
              {terminal.name}
              {found.get(terminal.id) ? ` · ${found.get(terminal.id)?.address}` : ''}
            </label>
            <select
              id={`lan-${terminal.id}`}
              value={terminal.connection ?? 'cloud'}
              onChange={(e) =>
                setConnection.mutate({ terminalId: terminal.id, connection: e.target.value as 'cloud' | 'lan' })
              }
            >
              <option value="cloud">{t('lan.cloud')}</option>
              <option value="lan">{t('lan.lan')}</option>
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}
