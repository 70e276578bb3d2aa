import './print-email.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { printPdfWithBrowserDialog } from './browser-print';
import { Problem } from './use-problem';

const LANGUAGES = ['nl', 'en', 'de', 'da'] as const;
type ReceiptLanguage = (typeof LANGUAGES)[number];

/** Reprint or e-mail one receipt: the address comes from the back-office, editable, kept only if asked. */
export function SendReceipt({ paymentId, reference }: { paymentId: string; reference: string }) {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const defaults = useQuery({
    queryKey: ['receipts.emailDefaults', paymentId],
    queryFn: () => api.call('receipts.emailDefaults', { paymentId }),
  });
  const [to, setTo] = useState('');
  const [language, setLanguage] = useState<ReceiptLanguage>('nl');
  const [remember, setRemember] = useState(false);
  useEffect(() => {
    if (!defaults.data) return;
    setTo(defaults.data.to ?? '');
    setLanguage(defaults.data.language);
  }, [defaults.data]);
  const done = () => void queryClient.invalidateQueries();
  const email = useMutation({
    mutationFn: () => api.call('receipts.email', { paymentId, to, language, remember }),
    onSuccess: done,
  });
  const print = useMutation({ mutationFn: () => api.call('receipts.print', { paymentId, language }), onSuccess: done });
  const printers = useQuery({ queryKey: ['printers.settings'], queryFn: () => api.call('printers.settings', {}) });
  // No receipt printer at this station: the browser's print dialog, as a last resort, recording nothing.
  const noPrinter = printers.data !== undefined && printers.data.receipt === null;
  const browserPrint = useMutation({
    mutationFn: async () => {
      const file = await api.call('receipts.pdf', { paymentId, locale: language === 'nl' ? 'nl' : 'en' });
      await printPdfWithBrowserDialog(file.base64);
    },
  });
  const id = `send-${paymentId}`;

  return (
    <section className="send-receipt" aria-label={t('history.sendFor', { reference })}>
      <label className="field-label" htmlFor={`${id}-to`}>
        {t('history.emailTo')}
      </label>
      <input id={`${id}-to`} className="search-input" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      <label className="field-label" htmlFor={`${id}-lang`}>
        {t('history.language')}
      </label>
      <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value as ReceiptLanguage)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`history.lang.${l}`)}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />{' '}
        {t('history.remember')}
      </label>
      <Problem error={email.error ?? print.error ?? browserPrint.error} />
      {noPrinter && <p className="muted">{t('history.printBrowserHint')}</p>}
      {(email.isSuccess || print.isSuccess) && <p role="status">{t('history.queued')}</p>}
      <div className="button-row">
        <button type="button" className="small-button" disabled={!to || email.isPending} onClick={() => email.mutate()}>
          {t('history.email')}
        </button>
        {noPrinter ? (
          <button
            type="button"
            className="small-button"
            disabled={browserPrint.isPending}
            onClick={() => browserPrint.mutate()}
          >
            {t('history.printBrowser')}
          </button>
        ) : (
          <button type="button" className="small-button" disabled={print.isPending} onClick={() => print.mutate()}>
            {t('history.print')}
          </button>
        )}
      </div>
    </section>
  );
}
