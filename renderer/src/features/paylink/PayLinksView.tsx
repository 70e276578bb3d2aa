import './paylink.css';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { PayLinkEntry } from '../../../../shared/api/paylink-schemas';
import { isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { useCancelPayment } from '../payment/mutations';
import { CopyLinkButton } from './CopyLinkButton';
import { paylinkQueries } from './paylink-queries';
import { SendLinkForm } from './SendLinkForm';
import { formatTimeLeft, formatWhen, msLeft, useNow } from './use-countdown';

/**
 * "Links sent": every pay link still open (sent to a customer, or a QR still waiting), then today's
 * ended ones, with the invoices' hold and the last e-mail. From here the cashier resends, copies or
 * stops waiting; the counter itself stays free for the next customer.
 */
export function PayLinksView() {
  const api = useApi();
  const t = useT();
  const list = useQuery({
    ...paylinkQueries.list(api),
    // Payments are pushed; e-mail jobs are not: while one is on its way, ask again (as the job queue does).
    refetchInterval: (query) =>
      query.state.data?.some((row) => row.lastEmail?.status === 'waiting' || row.lastEmail?.status === 'sending')
        ? 2_000
        : false,
  });
  const now = useNow(1_000);
  const [resending, setResending] = useState<string | null>(null);
  const rows = list.data ?? [];

  return (
    <section className="paylinks-view" aria-label={t('paylink.title')}>
      <h1>{t('paylink.title')}</h1>
      {list.isSuccess && rows.length === 0 && <p className="muted">{t('paylink.none')}</p>}
      {rows.length > 0 && (
        <table className="paylinks-table">
          <thead>
            <tr>
              <th>{t('paylink.customer')}</th>
              <th className="num">{t('paylink.amount')}</th>
              <th>{t('paylink.invoices')}</th>
              <th>{t('paylink.status')}</th>
              <th>{t('paylink.expiry')}</th>
              <th>{t('paylink.hold')}</th>
              <th>{t('paylink.lastMail')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Fragment key={row.payment.id}>
                <LinkRow
                  row={row}
                  now={now}
                  resending={resending === row.payment.id}
                  onResend={() => setResending((id) => (id === row.payment.id ? null : row.payment.id))}
                />
                {resending === row.payment.id && isOpen(row.payment.status) && (
                  <tr>
                    <td colSpan={8}>
                      <SendLinkForm
                        paymentId={row.payment.id}
                        idPrefix={`resend-${row.payment.id}`}
                        defaultTo={row.lastEmail?.to ?? row.customerEmail ?? ''}
                        defaultLanguage={row.customerLanguage}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LinkRow({
  row,
  now,
  resending,
  onResend,
}: {
  row: PayLinkEntry;
  now: number;
  resending: boolean;
  onResend: () => void;
}) {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const p = row.payment;
  const link = p.payLink;
  const open = isOpen(p.status);
  const stop = useCancelPayment(p.id);
  const left = msLeft(link?.expiresAt, now);
  const holdLeft = msLeft(row.holdExpiresAt, now);

  return (
    <tr className={`status-${p.status}`} data-testid={`paylink-row-${p.reference}`}>
      <td>
        {p.customerName}
        <div className="muted small mono">{p.reference}</div>
      </td>
      <td className="num">{money(p.amount.minor, p.amount.currency)}</td>
      <td className="paylink-invoices">{p.allocations.map((a) => a.invoiceNumber).join(', ')}</td>
      <td>
        <span className="badge">
          {open && p.cancelRequested
            ? t('paylink.badgeStopped')
            : open
              ? t('paylink.badgeWaiting')
              : t(`label.${p.status}`)}
        </span>
        {link && <div className="muted small">{t(`paylink.use.${link.use}`)}</div>}
      </td>
      <td>
        {!link?.expiresAt
          ? t('paylink.noExpiry')
          : left && left > 0 && open
            ? `${formatWhen(link.expiresAt, language, now)} · ${t('paylink.timeLeft', { time: formatTimeLeft(left) })}`
            : formatWhen(link.expiresAt, language, now)}
      </td>
      <td className={open && row.holdExpiresAt && !holdLeft ? 'hold-ended' : undefined}>
        {!open
          ? '—'
          : !row.holdExpiresAt
            ? t('paylink.holdNone')
            : holdLeft
              ? t('paylink.holdUntil', { time: formatWhen(row.holdExpiresAt, language, now) })
              : t('paylink.holdEnded')}
      </td>
      <td className="paylink-mail">
        {row.lastEmail ? t(`paylink.mail.${row.lastEmail.status}`, { to: row.lastEmail.to }) : t('paylink.mailNone')}
      </td>
      <td className="paylink-row-actions">
        {link && open && <CopyLinkButton url={link.url} className="small-button" />}
        {open && (
          <button type="button" className="small-button" aria-expanded={resending} onClick={onResend}>
            {t('paylink.resend')}
          </button>
        )}
        {open && (
          <button
            type="button"
            className="small-button"
            title={t('paylink.stopHelp')}
            disabled={p.cancelRequested || stop.isPending}
            onClick={() => stop.mutate()}
          >
            {t('paylink.withdraw')}
          </button>
        )}
        <ActionProblem error={stop.error} currency={p.amount.currency} />
      </td>
    </tr>
  );
}
