import type { CustomerCard } from '../../../../shared/api/schemas';
import { useT } from '../../i18n/use-i18n';
import { onFileLine, providerName } from '../payment/terminal-choices';

/**
 * The customer's ids at providers and what they keep on file, as the back-office says: "PayTrace
 * customer KASSA-US-1001 · PayTrace card on file: Visa ••1111 · Bank account on file". Nothing
 * when the back-office keeps nothing for this customer.
 */
export function OnFileSummary({ customer }: { customer: Pick<CustomerCard, 'providerCustomerIds' | 'onFile'> }) {
  const t = useT();
  const ids = Object.entries(customer.providerCustomerIds ?? {});
  const onFile = customer.onFile ?? [];
  if (ids.length === 0 && onFile.length === 0) return null;
  return (
    <ul className="on-file muted" data-testid="customer-on-file">
      {ids.map(([provider, id]) => (
        <li key={`id-${provider}`}>{t('paytrace.customerId', { provider: providerName(provider), id })}</li>
      ))}
      {onFile.map((item) => (
        <li key={`${item.provider}-${item.kind}-${item.brand ?? ''}-${item.last4 ?? ''}`} className="on-file-item">
          {onFileLine(item, t)}
        </li>
      ))}
    </ul>
  );
}
