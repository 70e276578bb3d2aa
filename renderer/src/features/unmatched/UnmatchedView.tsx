import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatTime } from '../../lib/dates';
import { useCounterStore } from '../../state/counter-store';
import { useAssignUnmatched } from './mutations';

/**
 * Money taken on a SoftPOS phone or terminal without Kassa: open the customer, then one click
 * assigns it to the ticked invoices (or oldest due first).
 */
export function UnmatchedView() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const customerId = useCounterStore((s) => s.customerId);
  const selected = useCounterStore((s) => s.selected);
  const customer = useQuery({ ...queries.customer(api, customerId ?? ''), enabled: customerId !== null });
  const items = useQuery(queries.unmatched(api));
  const assign = useAssignUnmatched();
  const rows = items.data ?? [];
  // A refusal's amounts are in the currency of the money being assigned, never a guessed one.
  const assigning = rows.find((row) => row.id === assign.variables?.unmatchedId);

  return (
    <section className="today" aria-label={t('unmatched.title')}>
      <h1>{t('unmatched.title')}</h1>
      <p className="muted">{t('unmatched.help')}</p>
      {!customer.data && rows.length > 0 && <p className="strong">{t('unmatched.openCustomerFirst')}</p>}
      <ActionProblem error={assign.error} currency={assigning?.amount.currency} />
      {assign.isSuccess && <p role="status">{t('unmatched.assigned', { customer: assign.data.customerName })}</p>}
      {rows.length === 0 ? (
        <p className="muted">{t('unmatched.none')}</p>
      ) : (
        <table className="today-table">
          <thead>
            <tr>
              <th>{t('unmatched.time')}</th>
              <th className="num">{t('unmatched.amount')}</th>
              <th>{t('unmatched.terminal')}</th>
              <th>{t('unmatched.card')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{formatTime(row.paidAt, language)}</td>
                <td className="num">{money(row.amount.minor, row.amount.currency)}</td>
                <td>{row.terminalId ?? '—'}</td>
                <td>{row.cardLast4 ? `•••• ${row.cardLast4}` : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="small-button"
                    disabled={!customer.data || assign.isPending}
                    onClick={() =>
                      assign.mutate({ unmatchedId: row.id, customerId: customerId ?? '', invoiceIds: [...selected] })
                    }
                  >
                    {t('action.assign', { customer: customer.data?.name ?? '…' })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
