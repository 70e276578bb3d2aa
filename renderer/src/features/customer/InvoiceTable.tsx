import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Invoice } from '../../../../shared/api/schemas';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { formatDate } from '../../lib/dates';
import { useCounterStore } from '../../state/counter-store';
import type { PaymentPlan } from '../../state/use-payment-plan';
import { SplitInput } from './SplitInput';

const ROW_HEIGHT = 56;
const FIRST_RECT = { width: 1024, height: 12 * ROW_HEIGHT };

/**
 * Open invoices with a tick box each and, for the invoices the payment will touch, what this payment
 * puts on it and what remains. Virtualised: the 5,000-invoice account scrolls like the small ones.
 */
export function InvoiceTable({ invoices, plan }: { invoices: readonly Invoice[]; plan: PaymentPlan }) {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const selected = useCounterStore((s) => s.selected);
  const invoiceToggled = useCounterStore((s) => s.invoiceToggled);
  const allToggled = useCounterStore((s) => s.allToggled);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: invoices.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The first render already has rows (a screenful at most); the real size is measured right after.
    initialRect: FIRST_RECT,
  });
  const lines = plan.kind === 'ready' ? plan.lines : null;
  const allSelected = invoices.length > 0 && selected.size === invoices.length;

  if (invoices.length === 0) return <p className="muted">{t('invoices.none')}</p>;

  return (
    <div
      className="invoice-table"
      role="table"
      aria-label={t('customer.openInvoices')}
      aria-rowcount={invoices.length + 1}
    >
      <div className="inv-row inv-head" role="row">
        <span role="columnheader" className="inv-check">
          <input
            type="checkbox"
            className="big-check"
            aria-label={t('invoices.selectAll')}
            checked={allSelected}
            ref={(el) => {
              if (el) el.indeterminate = selected.size > 0 && !allSelected;
            }}
            onChange={() => allToggled(invoices.map((inv) => inv.id))}
          />
        </span>
        <span role="columnheader">{t('invoices.number')}</span>
        <span role="columnheader">{t('invoices.issued')}</span>
        <span role="columnheader">{t('invoices.due')}</span>
        <span role="columnheader" className="num">
          {t('invoices.amount')}
        </span>
        <span role="columnheader" className="num">
          {t('invoices.outstanding')}
        </span>
        <span role="columnheader" className="num">
          {t('pay.preview')}
        </span>
      </div>
      <div className="inv-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const inv = invoices[item.index];
            if (!inv) return null;
            const line = lines?.get(inv.id);
            const isSelected = selected.has(inv.id);
            return (
              <div
                key={inv.id}
                role="row"
                aria-rowindex={item.index + 2}
                className={`inv-row${isSelected ? ' selected' : ''}${inv.overdue ? ' overdue' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <label role="cell" className="inv-check inv-check-hit">
                  <input
                    type="checkbox"
                    className="big-check"
                    aria-label={t('invoices.select', { number: inv.number })}
                    checked={isSelected}
                    onChange={() => invoiceToggled(inv.id)}
                  />
                </label>
                <span role="cell" className="mono">
                  {inv.number}
                </span>
                <span role="cell">{formatDate(inv.issueDate, language)}</span>
                <span role="cell">
                  {formatDate(inv.dueDate, language)}
                  {inv.overdue && <span className="badge overdue-badge">{t('invoices.overdue')}</span>}
                </span>
                <span role="cell" className="num">
                  {money(inv.amountMinor, inv.currency)}
                </span>
                <span role="cell" className="num strong">
                  {money(inv.outstandingMinor, inv.currency)}
                </span>
                <span role="cell" className="num">
                  {line ? (
                    <SplitInput invoice={inv} appliedMinor={line.amountMinor} remainingMinor={line.remainingMinor} />
                  ) : null}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
