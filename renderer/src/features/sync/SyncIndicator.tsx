import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { useCounterStore } from '../../state/counter-store';

/** Always visible: online or not, what is waiting, when the last sync succeeded. Opens the sync screen. */
export function SyncIndicator() {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const showView = useCounterStore((s) => s.showView);
  const sync = useQuery(queries.status(api)).data?.sync;
  if (!sync) return null;

  const parts: string[] = [];
  if (!sync.configured) parts.push(t('sync.notConfigured'));
  else if (sync.rejectedCredentials) parts.push(t('sync.rejected'));
  else if (sync.online === null) parts.push(t('sync.connecting'));
  else parts.push(sync.online ? t('sync.online') : t('sync.offline'));
  parts.push(sync.waiting > 0 ? t('sync.waiting', { count: sync.waiting }) : t('sync.none'));
  if (sync.held > 0) parts.push(t('sync.heldCount', { count: sync.held }));
  if (sync.lastSuccessAt && (sync.waiting > 0 || sync.online === false)) {
    parts.push(t('sync.lastSync', { time: formatTime(sync.lastSuccessAt, language) }));
  }
  const tone =
    sync.online === false || sync.held > 0 || sync.rejectedCredentials
      ? 'sync-bad'
      : sync.waiting > 0
        ? 'sync-waiting'
        : '';

  return (
    <button type="button" className={`sync ${tone}`} onClick={() => showView('sync')}>
      {parts.join(' · ')}
    </button>
  );
}
