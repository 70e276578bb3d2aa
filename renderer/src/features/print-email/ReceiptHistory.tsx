import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { describeAmountProblem } from '../../../../shared/money/amount-problem';
import type { CurrencyCode } from '../../../../shared/money/currency';
import { parseAmount } from '../../../../shared/money/parse';
import { useApi } from '../../api/api-context';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { JobList } from './JobList';
import { SendReceipt } from './SendReceipt';

interface Filters {
  customer: string;
  from: string;
  to: string;
  amount: string;
  invoiceNumber: string;
  reference: string;
}
const EMPTY: Filters = { customer: '', from: '', to: '', amount: '', invoiceNumber: '', reference: '' };

/**
 * The amount filter in minor units, read like the counter reads amounts (never through a float). The
 * search matches the amount in whatever currency a payment was in; a typed "$" or "€" picks the
 * notation, otherwise the screen language's.
 */
function amountFilter(text: string, language: 'nl' | 'en') {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true as const, minor: null };
  const currency: CurrencyCode = /^(\$|USD)/i.test(trimmed) ? 'USD' : 'EUR';
  const parsed = parseAmount(trimmed, currency, language);
  return parsed.ok ? { ok: true as const, minor: parsed.minor } : { ok: false as const, parsed, currency };
}

/** Older payments by customer, dates, amount, invoice or reference: reprint, re-send, and what was done when. */
export function ReceiptHistory() {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [open, setOpen] = useState<string | null>(null);
  const amount = amountFilter(filters.amount, language);
  const amountMinor = amount.ok ? amount.minor : null;
  const amountProblem = amount.ok ? null : describeAmountProblem(amount.parsed, amount.currency, language);
  const input = {
    ...(filters.customer ? { customer: filters.customer } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(amountMinor !== null && amountMinor > 0 ? { amountMinor } : {}),
    ...(filters.invoiceNumber ? { invoiceNumber: filters.invoiceNumber } : {}),
    ...(filters.reference ? { reference: filters.reference } : {}),
  };
  // Refreshed while open: a print or mail job moves on (waiting → done) without the manager asking.
  const rows = useQuery({
    queryKey: ['receipts.search', input],
    queryFn: () => api.call('receipts.search', input),
    refetchInterval: open ? 2_000 : false,
    // An amount that cannot be read is said so; nothing is searched with a guess of it.
    enabled: !amountProblem,
  });
  const field = (key: keyof Filters, type = 'text') => (
    <label className="field-label">
      {t(`history.filter.${key}`)}
      <input
        className="search-input"
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <section className="settings-form" aria-label={t('history.title')}>
      <h2>{t('history.title')}</h2>
      <form
        className="history-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        {field('customer')}
        {field('from', 'date')}
        {field('to', 'date')}
        {field('amount')}
        {field('invoiceNumber')}
        {field('reference')}
        <button type="submit" className="small-button">
          {t('history.search')}
        </button>
      </form>
      {amountProblem && (
        <p className="problem" role="alert">
          {t(amountProblem.key, amountProblem.params)}
        </p>
      )}
      {amountProblem ? null : (rows.data ?? []).length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <ul className="history-list">
          {(rows.data ?? []).map(({ payment, jobs }) => (
            <li key={payment.id}>
              <button
                type="button"
                className="link-button"
                aria-expanded={open === payment.id}
                onClick={() => setOpen(open === payment.id ? null : payment.id)}
              >
                <span className="mono">{payment.reference}</span> · {payment.customerName} ·{' '}
                {money(payment.amount.minor, payment.amount.currency)} ·{' '}
                {payment.allocations.map((a) => a.invoiceNumber).join(', ')}
              </button>
              {open === payment.id && (
                <>
                  <SendReceipt paymentId={payment.id} reference={payment.reference} />
                  <JobList jobs={jobs} label={t('history.jobsFor', { reference: payment.reference })} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
