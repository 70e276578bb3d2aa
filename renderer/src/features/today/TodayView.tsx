import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isCaptured } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { openReceipt } from '../../lib/open-receipt';
import { useCounterStore } from '../../state/counter-store';
import { SendReceipt } from '../print-email/SendReceipt';

export function TodayView() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const today = useQuery(queries.today(api));
  const detailOpened = useCounterStore((s) => s.detailOpened);
  // One row's print / e-mail form at a time: each form asks the core for the customer's address.
  const [sendingFor, setSendingFor] = useState<string | null>(null);
  const rows = today.data ?? [];
  const totals = totalsPerCurrency(rows.filter((p) => isCaptured(p.status)));

  return (
    <section className="today" aria-label={t('today.title')}>
      <h1>{t('today.title')}</h1>
      {/* One total per currency: dollars and euros are never added up. Nothing taken: no total. */}
      {totals.map(([currency, minor]) => (
        <p key={currency} className="strong" data-testid={`today-total-${currency}`}>
          {t('today.total', { amount: money(minor, currency) })}
        </p>
      ))}
      {rows.length === 0 ? (
        <p className="muted">{t('today.none')}</p>
      ) : (
        <table className="today-table">
          <thead>
            <tr>
              <th>{t('today.time')}</th>
              <th>{t('today.customer')}</th>
              <th className="num">{t('today.amount')}</th>
              <th>{t('today.status')}</th>
              <th>{t('today.terminal')}</th>
              <th>{t('today.reference')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <Fragment key={p.id}>
                <tr className={`status-${p.status}`}>
                  <td>{formatTime(p.createdAt, language)}</td>
                  <td>{p.customerName}</td>
                  <td className="num">{money(p.amount.minor, p.amount.currency)}</td>
                  <td>
                    <span className="badge">{t(`label.${p.status}` as const)}</span>
                  </td>
                  <td>{p.terminalName}</td>
                  <td className="mono small">{p.reference}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('action.detailsOf', { reference: p.reference })}
                      onClick={() => detailOpened(p.id)}
                    >
                      {t('action.details')}
                    </button>
                    {isCaptured(p.status) && (
                      <button
                        type="button"
                        className="small-button"
                        aria-label={`${t('action.receipt')} ${p.reference}`}
                        onClick={() => void openReceipt(api, p.id, language)}
                      >
                        {t('action.receipt')}
                      </button>
                    )}
                    {isCaptured(p.status) && (
                      <button
                        type="button"
                        className="small-button"
                        aria-expanded={sendingFor === p.id}
                        aria-label={t('today.sendOf', { reference: p.reference })}
                        onClick={() => setSendingFor(sendingFor === p.id ? null : p.id)}
                      >
                        {t('today.send')}
                      </button>
                    )}
                  </td>
                </tr>
                {sendingFor === p.id && (
                  <tr className="today-send">
                    <td colSpan={7}>
                      <SendReceipt paymentId={p.id} reference={p.reference} />
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

/** What was taken per currency, in the order the currencies first appear. */
function totalsPerCurrency(payments: readonly PaymentDto[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const p of payments) totals.set(p.amount.currency, (totals.get(p.amount.currency) ?? 0) + p.amount.minor);
  return [...totals];
}
