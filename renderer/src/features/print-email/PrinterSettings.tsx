import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { Problem } from './use-problem';

const PURPOSES = ['receipt', 'card_slip', 'report'] as const;
type Purpose = (typeof PURPOSES)[number];
const PAGE_SIZES = ['A4', '80mm', '58mm'] as const;
type PageSize = (typeof PAGE_SIZES)[number];

/** One printer per purpose at this station, with its state and a test page. */
function PrinterRow({ purpose }: { purpose: Purpose }) {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['printers.settings'], queryFn: () => api.call('printers.settings', {}) });
  const current = settings.data?.[purpose] ?? null;
  const [uri, setUri] = useState('');
  const [width, setWidth] = useState<80 | 58>(80);
  const [openDrawer, setOpenDrawer] = useState(false);
  const [silent, setSilent] = useState(true);
  const [pageSize, setPageSize] = useState<PageSize>('A4');
  // The desktop app's printers (empty in browser mode), offered as `electron:<name>`.
  const system = useQuery({ queryKey: ['printers.system'], queryFn: () => api.call('printers.system', {}) });
  const viaElectron = uri.startsWith('electron:');
  useEffect(() => {
    setUri(current?.uri ?? '');
    setWidth(current?.width ?? 80);
    setOpenDrawer(current?.openDrawer ?? false);
    setSilent(current?.silent ?? true);
    setPageSize(current?.pageSize ?? 'A4');
  }, [current]);
  const save = useMutation({
    mutationFn: () =>
      api.call('printers.configure', {
        purpose,
        printer: uri
          ? {
              uri,
              width,
              codePage: current?.codePage ?? 'cp858',
              openDrawer,
              ...(uri.startsWith('electron:') ? { silent, pageSize } : {}),
            }
          : null,
      }),
    onSuccess: (next) => queryClient.setQueryData(['printers.settings'], next),
  });
  const status = useMutation({ mutationFn: () => api.call('printers.status', { purpose }) });
  const test = useMutation({
    mutationFn: () => api.call('printers.test', { purpose }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['jobs.list'] }),
  });
  const id = `printer-${purpose}`;
  const state = status.data;

  return (
    <fieldset className="plain-fieldset" aria-label={t(`printers.purpose.${purpose}`)}>
      <legend>{t(`printers.purpose.${purpose}`)}</legend>
      <label className="field-label" htmlFor={id}>
        {t('printers.address')}
      </label>
      <input
        id={id}
        className="search-input"
        placeholder="tcp://192.168.1.50:9100"
        value={uri}
        disabled={current?.fromEnvironment}
        onChange={(e) => setUri(e.target.value)}
      />
      {system.data && system.data.length > 0 && (
        <>
          <label className="field-label" htmlFor={`${id}-system`}>
            {t('printers.systemList')}
          </label>
          <select
            id={`${id}-system`}
            value={viaElectron ? uri.slice('electron:'.length) : ''}
            disabled={current?.fromEnvironment}
            onChange={(e) => setUri(e.target.value ? `electron:${e.target.value}` : '')}
          >
            <option value="">-</option>
            {system.data.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName}
              </option>
            ))}
          </select>
        </>
      )}
      {viaElectron && (
        <>
          <label>
            <input type="checkbox" checked={silent} onChange={(e) => setSilent(e.target.checked)} />{' '}
            {t('printers.silent')}
          </label>
          <label className="field-label" htmlFor={`${id}-page`}>
            {t('printers.pageSize')}
          </label>
          <select id={`${id}-page`} value={pageSize} onChange={(e) => setPageSize(e.target.value as PageSize)}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="field-label" htmlFor={`${id}-width`}>
        {t('printers.width')}
      </label>
      <select id={`${id}-width`} value={width} onChange={(e) => setWidth(Number(e.target.value) === 58 ? 58 : 80)}>
        <option value={80}>80 mm</option>
        <option value={58}>58 mm</option>
      </select>
      <label>
        <input type="checkbox" checked={openDrawer} onChange={(e) => setOpenDrawer(e.target.checked)} />{' '}
        {t('printers.openDrawer')}
      </label>
      <Problem error={save.error ?? test.error} />
      {state !== undefined && (
        <p role="status">
          {state === null
            ? t('printers.noStatus')
            : state.online
              ? t('printers.online', { paper: state.paper ?? '-', problem: state.problem ?? '-' })
              : t('printers.offline', { error: state.error ?? '' })}
        </p>
      )}
      {test.isSuccess && <p role="status">{t('printers.testQueued')}</p>}
      <div className="button-row">
        <button type="button" className="small-button" disabled={save.isPending} onClick={() => save.mutate()}>
          {t('printers.save')}
        </button>
        <button type="button" className="small-button" disabled={!current} onClick={() => status.mutate()}>
          {t('printers.checkStatus')}
        </button>
        <button
          type="button"
          className="small-button"
          disabled={!current || test.isPending}
          onClick={() => test.mutate()}
        >
          {t('printers.testPage')}
        </button>
      </div>
    </fieldset>
  );
}

export function PrinterSettings() {
  const t = useT();
  return (
    <section className="pay-form settings-form" aria-label={t('printers.title')}>
      <h2>{t('printers.title')}</h2>
      {PURPOSES.map((purpose) => (
        <PrinterRow key={purpose} purpose={purpose} />
      ))}
    </section>
  );
}
