import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { hasMessage, type MessageKey } from '../../../../shared/i18n/translate';
import { isCaptured, isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { ClientError } from '../../api/client-error';
import { keys, queries } from '../../api/queries';
import { describeError } from '../../i18n/describe-error';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { openReceipt } from '../../lib/open-receipt';
import { useCounterStore } from '../../state/counter-store';

/** What the terminal is doing, pushed live, with the one action that makes sense now. */
export function PaymentStatusPanel({ paymentId }: { paymentId: string }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const paymentClosed = useCounterStore((s) => s.paymentClosed);
  const payment = useQuery({ ...queries.payment(api, paymentId), staleTime: Number.POSITIVE_INFINITY });
  const cancel = useMutation({
    mutationFn: () => api.call('payments.cancel', { paymentId }),
    onSuccess: (p) => queryClient.setQueryData(keys.payment(p.id), p),
  });
  const panelRef = useRef<HTMLDivElement>(null);
  const p = payment.data;
  const open = p ? isOpen(p.status) : true;

  useEffect(() => {
    // Focus follows the payment: the cashier can press Enter/Escape without reaching for the mouse.
    panelRef.current?.querySelector<HTMLButtonElement>(open ? '.cancel-button' : '.primary-action')?.focus();
  }, [open]);

  if (!p) return null;
  const captured = isCaptured(p.status);
  const headline = statusLine(p, t);
  const failure = p.failureReason && !captured ? failureLine(p.failureReason, t) : null;

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
          {t('status.amountOn', { amount: money(p.amount.minor, p.amount.currency), terminal: p.terminalName })}
        </p>
        <div role="status" aria-live="polite" aria-label={t('status.region')} className="status-text">
          {open && <span className="spinner" aria-hidden="true" />}
          <span>{headline}</span>
        </div>
        {failure && <p className="status-detail">{failure}</p>}
        {p.status === 'unknown' && <p className="status-detail">{t('status.unknownHelp')}</p>}
        {p.cardLast4 && (
          <p className="status-detail">{t('status.card', { brand: p.cardBrand ?? '', last4: p.cardLast4 })}</p>
        )}
        {cancel.error && (
          <p className="problem" role="alert">
            {cancel.error instanceof ClientError
              ? describeError(t, (m) => money(m, p.amount.currency), cancel.error.code, cancel.error.params)
              : t('error.internal')}
          </p>
        )}
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
              {captured && (
                <button
                  type="button"
                  className="secondary-action"
                  onClick={() => void openReceipt(api, p.id, language)}
                >
                  {t('action.receipt')}
                </button>
              )}
              <button type="button" className="primary-action" onClick={() => paymentClosed(captured)}>
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
  return t(`status.${p.status}`);
}

function failureLine(reason: string, t: (key: MessageKey) => string): string | null {
  const key = `failure.${reason}`;
  return hasMessage(key) ? t(key) : null;
}
