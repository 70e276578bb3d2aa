import './paylink.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { ActionProblem } from '../../components/ActionProblem';
import { describeFailure } from '../../i18n/describe-error';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import { useCancelPayment } from '../payment/mutations';
import { CopyLinkButton } from './CopyLinkButton';
import { Countdown } from './Countdown';
import { mailLanguageOf } from './email-check';
import { usePayLinkStore } from './paylink-store';
import { QrCode } from './QrCode';
import { SendLinkForm } from './SendLinkForm';

/**
 * An open pay-link payment on the counter: a large QR of the link for the customer's phone, the link
 * as text, the time left, and the cashier's three actions (copy, e-mail, stop waiting). The payment's
 * end (paid, declined, expired, cancelled) is shown by the ordinary status panel.
 */
export function PayLinkPanel({ payment: p }: { payment: PaymentDto }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const cancel = useCancelPayment(p.id);
  const paymentClosed = useCounterStore((s) => s.paymentClosed);
  const notMailed = usePayLinkStore((s) => s.notMailed[p.id]);
  const customer = useQuery(queries.customer(api, p.customerId));
  const [sending, setSending] = useState(notMailed !== undefined);
  const panelRef = useRef<HTMLDivElement>(null);
  const amount = money(p.amount.minor, p.amount.currency);
  const link = p.payLink ?? null;
  const stopped = p.cancelRequested;

  useEffect(() => {
    // Focus on Copy: Enter does no harm there; Escape stops waiting, as Cancel does for a terminal.
    panelRef.current?.querySelector<HTMLButtonElement>('.paylink-copy')?.focus();
  }, []);

  const stop = () => {
    if (!stopped && !cancel.isPending) cancel.mutate();
  };

  return (
    <div className="overlay">
      <div
        ref={panelRef}
        className={`status-panel paylink-panel status-${p.status}`}
        role="dialog"
        aria-modal="true"
        aria-label={t('paylink.region')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') stop();
        }}
      >
        <p className="status-amount">
          {amount} · {p.customerName}
        </p>
        <div className="paylink-body">
          <div className="paylink-qr">
            {link ? (
              <QrCode text={link.url} label={t('paylink.qrName', { amount })} />
            ) : (
              <div className="paylink-qr-placeholder" aria-hidden="true" />
            )}
          </div>
          <div className="paylink-side">
            <div role="status" aria-live="polite" aria-label={t('status.region')} className="status-text">
              {!stopped && <span className="spinner" aria-hidden="true" />}
              <span>{stopped ? t('paylink.stopped') : link ? t('paylink.waiting') : t('paylink.creating')}</span>
            </div>
            {link && (
              <>
                <p className="small">{t('paylink.scan', { amount, customer: p.customerName })}</p>
                <Countdown expiresAt={link.expiresAt} language={language} />
                <p className="paylink-url">
                  <span className="muted small">{t('paylink.linkText')}: </span>
                  <code data-testid="paylink-url">{link.url}</code>
                </p>
              </>
            )}
          </div>
        </div>
        {notMailed && (
          <p className="problem" role="alert">
            {t('paylink.notMailed', { reason: describeFailure(t, String, notMailed.error) })}
          </p>
        )}
        <ActionProblem error={cancel.error} currency={p.amount.currency} />
        {link && (
          <div className="status-actions paylink-actions">
            <CopyLinkButton url={link.url} />
            <button
              type="button"
              className="secondary-action"
              aria-expanded={sending}
              onClick={() => setSending((open) => !open)}
            >
              {t('paylink.sendEmail')}
            </button>
            <button
              type="button"
              className="cancel-button"
              aria-keyshortcuts="Escape"
              aria-describedby={`stop-help-${p.id}`}
              disabled={stopped || cancel.isPending}
              onClick={stop}
            >
              {t('paylink.stop')}
            </button>
          </div>
        )}
        {link && sending && (
          <SendLinkForm
            paymentId={p.id}
            idPrefix={`paylink-${p.id}`}
            defaultTo={notMailed?.to ?? customer.data?.email ?? ''}
            defaultLanguage={notMailed?.language ?? mailLanguageOf(customer.data?.language, language)}
            key={customer.data ? 'customer' : 'loading'}
          />
        )}
        <p id={`stop-help-${p.id}`} className="status-detail small muted">
          {t('paylink.stopHelp')}
        </p>
        {link?.use === 'remote' && (
          <button type="button" className="link-button" onClick={() => paymentClosed(true)}>
            {t('paylink.nextCustomer')}
          </button>
        )}
        <p className="status-reference small muted">{p.reference}</p>
      </div>
    </div>
  );
}
