import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useMoney, useT } from '../../i18n/use-i18n';
import { usePaymentPlan } from '../../state/use-payment-plan';
import { PaymentForm } from '../payment/PaymentForm';
import { InvoiceTable } from './InvoiceTable';
import { OnFileSummary } from './OnFileSummary';
import { RecentPayments } from './RecentPayments';

export function CustomerCard({ customerId }: { customerId: string }) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const card = useQuery(queries.customer(api, customerId));
  const invoices = useQuery(queries.invoices(api, customerId));
  const { plan, selectedTotalMinor, selectedCount } = usePaymentPlan(invoices.data, card.data?.currency);

  if (!card.data) return <p className="muted">…</p>;
  const c = card.data;
  return (
    <div className="customer">
      <header className="customer-head">
        <div>
          <h1>{c.name}</h1>
          <p className="muted">
            {t('customer.number', { number: c.number })} · {c.city}
            {c.phone ? ` · ${c.phone}` : ''}
            {c.language ? ` · ${languageName(c.language, t)}` : ''}
          </p>
          <OnFileSummary customer={c} />
        </div>
        <dl className="totals">
          <div>
            <dt>{t('customer.openInvoices')}</dt>
            <dd>{c.openInvoiceCount}</dd>
          </div>
          <div>
            <dt>{t('customer.outstanding')}</dt>
            <dd data-testid="customer-outstanding">{money(c.outstandingMinor, c.currency)}</dd>
          </div>
          <div className={c.overdueMinor > 0 ? 'overdue-total' : ''}>
            <dt>{t('customer.overdue')}</dt>
            <dd>{money(c.overdueMinor, c.currency)}</dd>
          </div>
          {c.otherCurrencyTotals?.map((other) => (
            <div key={other.currency} data-testid={`customer-outstanding-${other.currency}`}>
              <dt>{t('customer.outstandingIn', { currency: other.currency })}</dt>
              <dd>{money(other.outstandingMinor, other.currency)}</dd>
            </div>
          ))}
          {c.creditMinor > 0 && (
            <div className="credit-total">
              <dt>{t('customer.credit')}</dt>
              <dd>{money(c.creditMinor, c.currency)}</dd>
            </div>
          )}
        </dl>
      </header>
      <div className="customer-body">
        <section className="invoices" aria-label={t('customer.openInvoices')}>
          {invoices.data ? <InvoiceTable invoices={invoices.data} plan={plan} /> : <p className="muted">…</p>}
        </section>
        <aside className="pay-column">
          <PaymentForm
            customerId={c.id}
            currency={c.currency}
            plan={plan}
            selectedTotalMinor={selectedTotalMinor}
            selectedCount={selectedCount}
          />
          <RecentPayments payments={c.recentPayments} />
        </aside>
      </div>
    </div>
  );
}

const RECEIPT_LANGUAGES = ['nl', 'en', 'de', 'da'] as const;

/** The back-office's language for this customer, named when receipts speak it, else its ISO code. */
function languageName(language: string, t: ReturnType<typeof useT>): string {
  const known = RECEIPT_LANGUAGES.find((l) => l === language);
  return known ? t(`history.lang.${known}`) : language.toUpperCase();
}
