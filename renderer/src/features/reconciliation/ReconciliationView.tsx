import { useT } from '../../i18n/use-i18n';
import { DayReport } from './DayReport';
import { ExceptionsList } from './ExceptionsList';
import { ExpectationsForm } from './ExpectationsForm';
import { ImportStatus } from './ImportStatus';
import { TimeZoneForm } from './TimeZoneForm';
import './reconciliation.css';

/** The manager's reconciliation screen: import status, exceptions, and the day's settled figures. */
export function ReconciliationView() {
  const t = useT();
  return (
    <section className="today recon" aria-label={t('recon.title')}>
      <h1>{t('recon.title')}</h1>
      <p className="muted">{t('recon.help')}</p>
      <ImportStatus />
      <ExceptionsList />
      <DayReport />
      <ExpectationsForm />
      <TimeZoneForm />
    </section>
  );
}
