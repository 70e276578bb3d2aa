import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage, useSetLanguage, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';

export function Header() {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const setLanguage = useSetLanguage();
  const view = useCounterStore((s) => s.view);
  const showView = useCounterStore((s) => s.showView);
  const status = useQuery(queries.status(api));
  const depth = status.data?.outboxDepth ?? 0;

  return (
    <header className="app-header">
      <span className="brand">{t('app.title')}</span>
      <nav className="nav">
        <button type="button" aria-pressed={view === 'counter'} onClick={() => showView('counter')}>
          {t('nav.counter')}
        </button>
        <button type="button" aria-pressed={view === 'today'} onClick={() => showView('today')}>
          {t('nav.today')}
        </button>
      </nav>
      <output className={`sync ${depth > 0 ? 'sync-waiting' : ''}`} aria-label="Sync" title="Sync">
        {depth > 0 ? t('sync.waiting', { count: depth }) : t('sync.none')}
      </output>
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
