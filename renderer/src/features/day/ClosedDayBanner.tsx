import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { dayQueries } from './day-queries';

/** Shown on every screen while this station's day is closed: the counter takes no new payment. */
export function ClosedDayBanner() {
  const api = useApi();
  const t = useT();
  const current = useQuery(dayQueries.current(api));
  if (current.data?.mayTakePayments !== false) return null;
  return (
    <p className="recovering day-closed-banner" role="alert">
      {t('day.closedCounter')}
    </p>
  );
}
