import { useQuery, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { keys, queries } from '../../api/queries';
import { useMoney, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';

/**
 * One box for names, customer numbers and scanned invoice numbers. A scanner types digits and
 * Enter: an exact invoice number opens its customer with that invoice ticked, and the next scan
 * of the same customer ticks another.
 */
export const CustomerSearch = forwardRef<HTMLInputElement>(function CustomerSearch(_props, inputRef) {
  const api = useApi();
  const t = useT();
  const money = useMoney();
  const queryClient = useQueryClient();
  const customerOpened = useCounterStore((s) => s.customerOpened);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 120);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery(queries.search(api, query));
  const hits = query ? (results.data ?? []) : [];

  const open = (customerId: string, invoiceId: string | null) => {
    customerOpened(customerId, invoiceId);
    setText('');
    setQuery('');
  };

  const submit = async () => {
    const q = text.trim();
    if (!q) return;
    const found = await queryClient.fetchQuery({ ...queries.search(api, q), queryKey: keys.search(q) });
    const first = found[0];
    if (first && (found.length === 1 || first.matchedInvoiceId)) open(first.id, first.matchedInvoiceId);
    else setQuery(q);
  };

  return (
    <section className="search" aria-label={t('search.label')}>
      <label className="field-label" htmlFor="customer-search">
        {t('search.label')}
      </label>
      <input
        id="customer-search"
        ref={inputRef}
        type="search"
        className="search-input"
        autoComplete="off"
        spellCheck={false}
        // The counter's first action is always finding the customer (or scanning an invoice).
        // biome-ignore lint/a11y/noAutofocus: a single-purpose counter screen, focus is expected here
        autoFocus
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            listRef.current?.querySelector('button')?.focus();
          } else if (e.key === 'Escape') {
            setText('');
          }
        }}
      />
      {query && hits.length === 0 && !results.isFetching && <p className="muted">{t('search.noResults', { query })}</p>}
      {!query && <p className="muted small">{t('search.hint')}</p>}
      {hits.length > 0 && (
        <ul className="results" ref={listRef} aria-label={t('search.results')}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                className="result"
                onClick={() => open(hit.id, hit.matchedInvoiceId)}
                onKeyDown={(e) => {
                  const item = e.currentTarget.parentElement;
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    (item?.nextElementSibling?.querySelector('button') as HTMLButtonElement | null)?.focus();
                  } else if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    const prev = item?.previousElementSibling?.querySelector('button') as HTMLButtonElement | null;
                    if (prev) prev.focus();
                    else (inputRef as React.RefObject<HTMLInputElement | null>).current?.focus();
                  }
                }}
              >
                <span className="result-name">{hit.name}</span>
                <span className="result-meta">
                  {hit.number} · {hit.city} · {t('search.openInvoices', { count: hit.openInvoiceCount })} ·{' '}
                  {money(hit.outstandingMinor, hit.currency)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
