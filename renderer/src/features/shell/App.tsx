import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import { CustomerCard } from '../customer/CustomerCard';
import { ClosedDayBanner } from '../day/ClosedDayBanner';
import { DayView } from '../day/DayView';
import { PayLinksView } from '../paylink/PayLinksView';
import { PaymentDetail } from '../payment/PaymentDetail';
import { PaymentStatusPanel } from '../payment/PaymentStatusPanel';
import { CustomerSearch } from '../search/CustomerSearch';
import { SettingsView } from '../settings/SettingsView';
import { SyncView } from '../sync/SyncView';
import { TodayView } from '../today/TodayView';
import { UnmatchedView } from '../unmatched/UnmatchedView';
import { Header } from './Header';
import { useScannerFocus } from './use-scanner-focus';

export function App() {
  const api = useApi();
  const t = useT();
  const view = useCounterStore((s) => s.view);
  const customerId = useCounterStore((s) => s.customerId);
  const paymentId = useCounterStore((s) => s.paymentId);
  const paymentStarted = useCounterStore((s) => s.paymentStarted);
  const detailId = useCounterStore((s) => s.detailId);
  const status = useQuery(queries.status(api));
  const active = useQuery(queries.active(api));
  const searchRef = useRef<HTMLInputElement>(null);
  useScannerFocus(searchRef);

  // After a reload or restart, a payment still running on a terminal comes back on screen.
  useEffect(() => {
    // A pay link sent to the customer waits in "Links sent", not on the counter (issue 14).
    const running = active.data?.find((payment) => payment.payLink?.use !== 'remote');
    if (running && paymentId === null) paymentStarted(running.id);
  }, [active.data, paymentId, paymentStarted]);

  return (
    <div className="app">
      <Header />
      {status.data?.mode === 'demo' && <p className="demo-banner">{t('app.demoBanner')}</p>}
      {status.data?.recovering && (
        <p className="recovering" role="alert">
          {t('app.recovering')}
        </p>
      )}
      <ClosedDayBanner />
      <main className="main">
        <div className="search-column">
          <CustomerSearch ref={searchRef} />
        </div>
        <div className="work-area">
          {view === 'today' ? (
            <TodayView />
          ) : view === 'paylinks' ? (
            <PayLinksView />
          ) : view === 'sync' ? (
            <SyncView />
          ) : view === 'settings' ? (
            <SettingsView />
          ) : view === 'unmatched' ? (
            <UnmatchedView />
          ) : view === 'day' ? (
            <DayView />
          ) : customerId ? (
            <CustomerCard customerId={customerId} />
          ) : (
            <p className="muted empty">{t('customer.none')}</p>
          )}
        </div>
      </main>
      {paymentId && <PaymentStatusPanel paymentId={paymentId} />}
      {detailId && !paymentId && <PaymentDetail paymentId={detailId} />}
    </div>
  );
}
