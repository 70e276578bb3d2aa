import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import type { ProviderSettlementSource } from '../reconciliation/import';
import { createReconciliation } from '../reconciliation/reconciliation-service';
import { createReconciliationScheduler } from '../reconciliation/scheduler';
import { createSettlementRefs } from '../reconciliation/settlement-refs';
import type { SettingsRepository } from '../repositories/settings';
import { createSettlementRepository } from '../settlement/settlement-repository';
import type { EngineLog, ReconciliationConfig } from './engine-config';

/**
 * Reconciliation in the engine: every provider's settlement source (whatever providers are
 * registered), the daily schedule, the back-office's settlement references, and the API's parts.
 */
export function wireReconciliation(deps: {
  db: Db;
  settings: SettingsRepository;
  sources: () => readonly ProviderSettlementSource[];
  /** Whether a provider has its settings now (the provider registry's view). */
  configured?: (provider: string) => boolean;
  clock: Clock;
  config?: ReconciliationConfig;
  audit?: AuditAppend;
  wakeSync: () => void;
  log: EngineLog;
}) {
  const refs = createSettlementRefs({ db: deps.db, clock: deps.clock });
  const reconciliation = createReconciliation({
    db: deps.db,
    settlements: createSettlementRepository(deps.db),
    sources: deps.sources,
    providers: () => deps.sources().flatMap(({ provider }) => (deps.configured?.(provider) ? [provider] : [])),
    clock: deps.clock,
    settings: deps.settings,
    audit: deps.audit,
    options: { pageGapMs: deps.config?.pageGapMs, initialDays: deps.config?.initialDays },
    onMatched: (paymentIds) => {
      if (refs.enqueue(paymentIds) > 0) deps.wakeSync();
    },
    log: deps.log,
  });
  const scheduler = createReconciliationScheduler({
    clock: deps.clock,
    lastRunAt: reconciliation.lastRunAt,
    run: () => reconciliation.run(),
    log: deps.log,
  });
  const company = () => ({
    name: deps.settings.get('company.name') ?? 'Kassa',
    address: deps.settings.get('company.address') ?? '',
    vat: deps.settings.get('company.vat') ?? '',
  });
  return {
    /** What the API's reconciliation handlers need (spread into the handler deps). */
    handlerDeps: { reconciliation, company },
    reconciliation,
    start: () => {
      if (deps.config?.schedule !== false) scheduler.start();
    },
    stop: () => scheduler.stop(),
  };
}
