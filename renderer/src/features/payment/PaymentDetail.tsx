import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import type { MessageKey } from '../../../../shared/i18n/translate';
import { isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { openReceipt } from '../../lib/open-receipt';
import { useCounterStore } from '../../state/counter-store';
import { RefundForm } from './RefundForm';
import { ResolveUnknown } from './ResolveUnknown';
import { UnknownRefund } from './UnknownRefund';
import { VoidPayment } from './VoidPayment';

/** A manager's view of one payment: where the money went, the card slip, and refunds. */
export function PaymentDetail({ paymentId }: { paymentId: string }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const close = useCounterStore((s) => s.detailOpened);
  const payment = useQuery(queries.payment(api, paymentId));
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('button, input, select')?.focus();
  }, []);
  const p = payment.data;
  if (!p) return null;
  const fmt = (minor: number) => money(minor, p.amount.currency);
  const voidLine = p.voidStatus ? VOID_LINES[p.voidStatus] : undefined;

  return (
    <div className="overlay">
      <div
        ref={dialogRef}
        className="status-panel detail-panel"
        role="dialog"
        aria-modal="true"
        aria-label={t('detail.title', { reference: p.reference })}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close(null);
        }}
      >
        <h2>{t('detail.title', { reference: p.reference })}</h2>
        <dl className="detail-list">
          <dt>{t('detail.customer')}</dt>
          <dd>{p.customerName}</dd>
          <dt>{t('detail.status')}</dt>
          <dd>
            <span className="badge">{t(`label.${p.status}` as const)}</span> {fmt(p.amount.minor)}
          </dd>
          <dt>{t('detail.method')}</dt>
          <dd>
            {t(`method.${p.method}` as const)} · {p.terminalName}
          </dd>
          {p.phone && (
            <>
              <dt>{t('detail.phone')}</dt>
              <dd>+{p.phone}</dd>
            </>
          )}
          {p.cardLast4 && (
            <>
              <dt>{t('detail.card')}</dt>
              <dd>{t('status.card', { brand: p.cardBrand ?? '', last4: p.cardLast4 })}</dd>
            </>
          )}
          <dt>{t('detail.allocations')}</dt>
          <dd>{p.allocations.map((a) => `${a.invoiceNumber} ${fmt(a.amountMinor)}`).join(' · ')}</dd>
        </dl>
        {p.refunds.length > 0 && (
          <section aria-label={t('detail.refunds')}>
            <h3>{t('detail.refunds')}</h3>
            <ul className="refund-list">
              {p.refunds.map((r) => (
                <li key={r.id}>
                  {formatTime(r.createdAt, language)} · {fmt(r.amount.minor)} · {t(`detail.kind.${r.kind}` as const)} ·{' '}
                  <strong>{t(`detail.refund.${r.status}` as const)}</strong> · {r.reason}
                  {r.status === 'unknown' && <UnknownRefund refund={r} />}
                </li>
              ))}
            </ul>
          </section>
        )}
        {voidLine && (
          <p className="problem" role="status">
            {t(voidLine)}
          </p>
        )}
        {p.voidable && <VoidPayment payment={p} />}
        {p.refundKinds.length > 0 && <RefundForm payment={p} />}
        {(p.status === 'unknown' || (!p.providerConfigured && isOpen(p.status))) && <ResolveUnknown payment={p} />}
        <Evidence paymentId={p.id} />
        {p.cardSlip && (
          <section aria-label={t('detail.cardSlip')} className="card-slip">
            <h3>{t('detail.cardSlip')}</h3>
            <pre>{p.cardSlip.join('\n')}</pre>
          </section>
        )}
        <div className="status-actions">
          {p.cardSlip && (
            <button type="button" className="secondary-action" onClick={() => window.print()}>
              {t('action.printSlip')}
            </button>
          )}
          <button type="button" className="secondary-action" onClick={() => void openReceipt(api, p.id, language)}>
            {t('action.receipt')}
          </button>
          <button type="button" className="primary-action" onClick={() => close(null)}>
            {t('action.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

const VOID_LINES: Partial<Record<NonNullable<PaymentDto['voidStatus']>, MessageKey>> = {
  sent: 'void.unknown',
  unknown: 'void.unknown',
  too_late: 'void.too_late',
  failed: 'void.failed',
};

/** What was asked and what came back, in order: the trail a manager reads before deciding. */
function Evidence({ paymentId }: { paymentId: string }) {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const events = useQuery(queries.paymentEvents(api, paymentId));
  if (!events.data) return null;
  return (
    <details className="evidence">
      <summary>{t('detail.evidence', { count: events.data.length })}</summary>
      <ol>
        {events.data.map((e, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the trail is append-only; its order is its identity
          <li key={index}>
            <span className="mono small">{formatTime(e.at, language)}</span> {e.event} · {e.fromStatus} → {e.toStatus}
            {e.outcome !== 'moved' ? ` (${e.outcome})` : ''}
            {e.detail ? <span className="muted small"> {e.detail}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
