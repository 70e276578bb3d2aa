import { useQuery } from '@tanstack/react-query';
import { isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import { paylinkQueries } from './paylink-queries';

/** The header's "Links sent (n)": n is the links still open, so a glance says whether anyone owes a payment. */
export function PayLinksNav() {
  const api = useApi();
  const t = useT();
  const view = useCounterStore((s) => s.view);
  const showView = useCounterStore((s) => s.showView);
  const list = useQuery(paylinkQueries.list(api));
  const count = (list.data ?? []).filter((row) => isOpen(row.payment.status)).length;
  return (
    <button type="button" aria-pressed={view === 'paylinks'} onClick={() => showView('paylinks')}>
      {t('nav.paylinks', { count })}
    </button>
  );
}
