import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useSetLanguage, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import { PayLinksNav } from '../paylink/PayLinksNav';
import { peopleQueries } from '../people/people-queries';
import { QuickSwitch } from '../people/QuickSwitch';
import { SyncIndicator } from '../sync/SyncIndicator';

export function Header() {
  const t = useT();
  const language = useLanguage();
  const setLanguage = useSetLanguage();
  const view = useCounterStore((s) => s.view);
  const showView = useCounterStore((s) => s.showView);
  const api = useApi();
  const unmatched = useQuery(queries.unmatched(api));
  const unmatchedCount = unmatched.data?.length ?? 0;
  // Demo or live comes from the core (it turns the demo off once anything real is configured).
  const mode = useQuery(queries.status(api)).data?.mode;
  // Screens that only a manager can use (every call behind them needs one) are not offered to a
  // cashier; a manager signs in (quick switch) to open them. The core refuses them either way.
  const role = useQuery(peopleQueries.session(api)).data?.user?.role;
  const manager = role === 'manager' || role === 'owner';

  return (
    <header className="app-header">
      <span className="brand">{t('app.title')}</span>
      {mode && (
        <span
          className={`mode-badge mode-${mode}`}
          data-testid="mode-badge"
          title={t(mode === 'demo' ? 'mode.demoTitle' : 'mode.liveTitle')}
        >
          {t(mode === 'demo' ? 'mode.demo' : 'mode.live')}
        </span>
      )}
      <nav className="nav">
        <button type="button" aria-pressed={view === 'counter'} onClick={() => showView('counter')}>
          {t('nav.counter')}
        </button>
        <button type="button" aria-pressed={view === 'today'} onClick={() => showView('today')}>
          {t('nav.today')}
        </button>
        <PayLinksNav />
        {(unmatchedCount > 0 || view === 'unmatched') && (
          <button
            type="button"
            className={unmatchedCount > 0 ? 'nav-attention' : undefined}
            aria-pressed={view === 'unmatched'}
            onClick={() => showView('unmatched')}
          >
            {t('nav.unmatched', { count: unmatchedCount })}
          </button>
        )}
        <button type="button" aria-pressed={view === 'day'} onClick={() => showView('day')}>
          {t('nav.day')}
        </button>
        {manager && (
          <button type="button" aria-pressed={view === 'reconciliation'} onClick={() => showView('reconciliation')}>
            {t('nav.reconciliation')}
          </button>
        )}
        <button type="button" aria-pressed={view === 'sync'} onClick={() => showView('sync')}>
          {t('nav.sync')}
        </button>
        {manager && (
          <>
            <button type="button" aria-pressed={view === 'settings'} onClick={() => showView('settings')}>
              {t('nav.settings')}
            </button>
            <button type="button" aria-pressed={view === 'audit'} onClick={() => showView('audit')}>
              {t('nav.audit')}
            </button>
          </>
        )}
      </nav>
      <SyncIndicator />
      <QuickSwitch />
      <div className="lang" role="group" aria-label={t('lang.label')}>
        <button type="button" aria-pressed={language === 'nl'} onClick={() => setLanguage('nl')}>
          NL
        </button>
        <button type="button" aria-pressed={language === 'en'} onClick={() => setLanguage('en')}>
          EN
        </button>
      </div>
    </header>
  );
}
