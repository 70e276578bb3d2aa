import { SplitInput } from '../../../renderer/src/features/customer/SplitInput';
import { PaymentForm } from '../../../renderer/src/features/payment/PaymentForm';
import { usePaymentPlan } from '../../../renderer/src/state/use-payment-plan';
import type { Invoice } from '../../../shared/api/schemas';
import { aSystemStatus, counterTerminal } from './fixtures';
import type { CoreAnswers } from './render';

/**
 * The counter's payment column as CustomerCard wires it: the plan from the real hook, the form, and
 * per touched invoice the split field with its preview (as InvoiceTable shows them).
 */
export function PaymentColumn({ invoices, currency = 'EUR' }: { invoices: readonly Invoice[]; currency?: string }) {
  const { plan, selectedTotalMinor, selectedCount } = usePaymentPlan(invoices, currency);
  return (
    <>
      <ul aria-label="Allocation">
        {invoices.map((invoice) => {
          const line = plan.kind === 'ready' ? plan.lines.get(invoice.id) : undefined;
          return line ? (
            <li key={invoice.id}>
              <SplitInput invoice={invoice} appliedMinor={line.amountMinor} remainingMinor={line.remainingMinor} />
            </li>
          ) : null;
        })}
      </ul>
      <PaymentForm
        customerId="cust-1"
        currency={currency}
        plan={plan}
        selectedTotalMinor={selectedTotalMinor}
        selectedCount={selectedCount}
      />
    </>
  );
}

/** A counter with one online terminal, a customer without a phone and a reachable back-office. */
export const counterAnswers: CoreAnswers = {
  'system.status': aSystemStatus({ online: true }),
  'terminals.list': [counterTerminal],
  'counter.settings': { defaultTerminalId: 'term-1', companyName: 'Kwekerij', stationId: 'k1' },
};
