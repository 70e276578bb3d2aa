import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { hasMessage, type MessageKey } from '../../../../shared/i18n/translate';
import { isCaptured, isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { openReceipt } from '../../lib/open-receipt';
import { useCounterStore } from '../../state/counter-store';
import { PayLinkPanel } from '../paylink/PayLinkPanel';
import { useCancelPayment, useKeepPayment, useRefundRemainder, useRetryPayment } from './mutations';
import { ResolveUnknown } from './ResolveUnknown';
import { onFileText } from './terminal-choices';

/** What the terminal is doing, pushed live, with the one action that makes sense now. */
export function PaymentStatusPanel({ paymentId }: { paymentId: string }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const paymentClosed = useCounterStore((s) => s.paymentClosed);
  const lastStart = useCounterStore((s) => s.lastStart);
  const retry = useRetryPayment();
  const refund = useRefundRemainder();
  const keep = useKeepPayment(paymentId);
  const payment = useQuery({ ...queries.payment(api, paymentId), staleTime: Number.POSITIVE_INFINITY });
  const cancel = useCancelPayment(paymentId);
  const panelRef = useRef<HTMLDivElement>(null);
  const p = payment.data;
  const open = p ? isOpen(p.status) : true;

  useEffect(() => {
    // Focus follows the payment: the cashier can press Enter/Escape without reaching for the mouse.
    panelRef.current?.querySelector<HTMLButtonElement>(open ? '.cancel-button' : '.primary-action')?.focus();
  }, [open]);

  if (!p) return null;
  // A pay link still waiting: its QR and link (issue 14); its end is shown below like any payment's.
  if (p.method === 'payment_link' && open && p.status !== 'unknown') return <PayLinkPanel payment={p} />;
  const captured = isCaptured(p.status);
  const headline = statusLine(p, t);
  const failure = p.failureReason && !captured ? failureLine(p.failureReason, t) : null;
  const retryable = ['declined', 'cancelled', 'expired', 'failed'].includes(p.status) && lastStart !== null;
  const afterCancel = p.status === 'paid_after_cancel';
  const actionError = [cancel.error, retry.error, refund.error, keep.error].find((e) => e);

  return (
    <div className="overlay">
      <div
        ref={panelRef}
        className={`status-panel status-${p.status}`}
        role="dialog"
        aria-modal="true"
        aria-label={t('status.region')}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open && !p.cancelRequested) cancel.mutate();
        }}
      >
        <p className="status-amount">
          {p.method === 'mobile_request'
            ? t('status.amountToPhone', {
                amount: money(p.amount.minor, p.amount.currency),
                phone: `+${p.phone ?? ''}`,
              })
            : t('status.amountOn', { amount: money(p.amount.minor, p.amount.currency), terminal: p.terminalName })}
        </p>
        <div role="status" aria-live="polite" aria-label={t('status.region')} className="status-text">
          {open && <span className="spinner" aria-hidden="true" />}
          <span>{headline}</span>
        </div>
        {failure && <p className="status-detail">{failure}</p>}
        {p.status === 'unknown' && <p className="status-detail">{t('status.unknownHelp')}</p>}
        {p.status === 'unknown' && <ResolveUnknown payment={p} />}
        {afterCancel && <p className="status-detail">{t('status.paidAfterCancelHelp')}</p>}
        {p.cardLast4 && (
          <p className="status-detail">
            {p.method === 'on_file'
              ? t('paytrace.charged', { card: onFileText({ brand: p.cardBrand ?? undefined, last4: p.cardLast4 }) })
              : t('status.card', { brand: p.cardBrand ?? '', last4: p.cardLast4 })}
          </p>
        )}
        <ActionProblem error={actionError} currency={p.amount.currency} />
        <p className="status-reference small muted">
          {t('status.reference', { reference: p.reference, time: formatTime(p.createdAt, language) })}
        </p>
        <div className="status-actions">
          {open ? (
            <button
              type="button"
              className="cancel-button"
              disabled={p.cancelRequested || cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              {t('action.cancel')}
            </button>
          ) : (
            <>
              {afterCancel && p.refundKinds.includes('online') && (
                <button
                  type="button"
                  className="secondary-action"
                  disabled={refund.isPending}
                  onClick={() => refund.mutate(p)}
                >
                  {t('action.refundAmount', { amount: money(p.amount.minor - p.refundedMinor, p.amount.currency) })}
                </button>
              )}
              {afterCancel && (
                <button
                  type="button"
                  className="secondary-action"
                  disabled={keep.isPending}
                  onClick={() => keep.mutate()}
                >
                  {t('action.keep')}
                </button>
              )}
              {retryable && (
                <button
                  type="button"
                  className="secondary-action"
                  disabled={retry.isPending}
                  onClick={() => retry.mutate()}
                >
                  {t('action.retry')}
                </button>
              )}
              {captured && !afterCancel && (
                <button
                  type="button"
                  className="secondary-action"
                  onClick={() => void openReceipt(api, p.id, language)}
                >
                  {t('action.receipt')}
                </button>
              )}
              <button type="button" className="primary-action" onClick={() => paymentClosed(captured && !afterCancel)}>
                {t('action.close')}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function statusLine(p: PaymentDto, t: (key: MessageKey) => string): string {
  if ((p.status === 'pending' || p.status === 'sent' || p.status === 'unknown') && p.cancelRequested) {
    return t('status.cancelRequested');
  }
  if (p.status === 'pending' && p.phase) return t(`status.${p.phase}`);
  if (p.method === 'payment_link' && p.status === 'expired') return t('paylink.expiredNow');
  return t(`status.${p.status}`);
}

function failureLine(reason: string, t: (key: MessageKey) => string): string | null {
  const key = `failure.${reason}`;
  if (hasMessage(key)) return t(key);
  // A provider's own refusal code (PAY-…, http_…): say so, and show the code for the helpdesk.
  return `${t('error.provider_refused')} (${reason})`;
}
