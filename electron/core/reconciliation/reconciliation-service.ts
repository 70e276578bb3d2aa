import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import type { SettingsRepository } from '../repositories/settings';
import type { SettlementRepository } from '../settlement/settlement-repository';
import { expectationOf, type ProviderExpectation, saveExpectation } from './exception-rules';
import { createReconciliationExceptions } from './exceptions';
import {
  type AccountResult,
  createSettlementImport,
  type ImportOptions,
  type ImportProgress,
  type ProviderSettlementSource,
} from './import';
import { createMatcher } from './match';
import { createReportQuery } from './report-query';
import { saveShopTimeZone, shopTimeZone, shopTimeZoneView } from './shop-day';

/** How far back an import may have filled in a payout id: those payments' references are offered again. */
const REFS_LOOKBACK_DAYS = 10;

export interface AccountStatus {
  readonly provider: string;
  readonly account: string;
  readonly coveredFrom: string | null;
  readonly lastStartedAt: string | null;
  readonly lastFinishedAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly rowsLast: number;
  readonly cursor: string | null;
  readonly rows: number;
}

export interface RunResult {
  readonly accounts: readonly AccountResult[];
  readonly matched: number;
  readonly exceptionsAdded: number;
}

/**
 * Reconciliation as one piece: import every provider account's settlement data, match it to Kassa's
 * payments and refunds, find the exceptions, and tell the back-office (`onMatched`) which payments
 * now have settlement references. Matching and detection also run without an import (a payment
 * assigned or refunded later can close an exception).
 */
export function createReconciliation(deps: {
  db: Db;
  settlements: SettlementRepository;
  sources: () => readonly ProviderSettlementSource[];
  clock: Clock;
  settings?: SettingsRepository;
  audit?: AuditAppend;
  options?: ImportOptions;
  /**
   * The configured providers that have a settlement source (the provider registry knows them): a
   * manager may set their expectations before their first import.
   */
  providers?: () => readonly string[];
  /** Payments whose settlement rows were matched or changed, in the transaction's wake. */
  onMatched?: (paymentIds: readonly string[]) => void;
  onChanged?: () => void;
  log?: (message: string, error?: unknown) => void;
}) {
  let progress: ImportProgress | null = null;
  const importer = createSettlementImport({
    db: deps.db,
    settlements: deps.settlements,
    sources: deps.sources,
    clock: deps.clock,
    options: deps.options,
    log: deps.log,
    onProgress: (p) => {
      progress = p;
      deps.onChanged?.();
    },
  });
  const matcher = createMatcher(deps.db);
  const exceptions = createReconciliationExceptions({ db: deps.db, settings: deps.settings, audit: deps.audit });
  const reports = createReportQuery(deps.db, () => shopTimeZone(deps.settings));
  const statusRows = deps.db.prepare<[], AccountStatus>(
    `SELECT i.provider, i.account, i.covered_from AS coveredFrom, i.last_started_at AS lastStartedAt,
       i.last_finished_at AS lastFinishedAt, i.last_error AS lastError, i.last_error_at AS lastErrorAt,
       i.rows_last AS rowsLast, c.cursor,
       (SELECT count(*) FROM settlement_rows s WHERE s.provider = i.provider AND s.account = i.account) AS rows
     FROM reconciliation_imports i
     LEFT JOIN settlement_cursors c ON c.provider = i.provider AND c.account = i.account
     ORDER BY i.provider, i.account`,
  );

  // Payments whose rows a recent import may have changed (a payout id or fee filled in later).
  const recentlyBooked = deps.db.prepare<[string], { paymentId: string }>(
    `SELECT DISTINCT matched_payment_id AS paymentId FROM settlement_rows
     WHERE booked_at >= ? AND matched_payment_id IS NOT NULL`,
  );

  // Payments on a payout whose stated total or abort changed lately (their references say so).
  const onChangedPayouts = deps.db.prepare<[string], { paymentId: string }>(
    `SELECT DISTINCT s.matched_payment_id AS paymentId FROM settlement_payouts t
     JOIN settlement_rows s INDEXED BY settlement_rows_payout ON s.provider = t.provider AND s.payout_id = t.payout_id
     WHERE t.changed_at >= ? AND s.account = t.account AND s.matched_payment_id IS NOT NULL`,
  );

  function reconcile(afterImport = false): { matched: number; exceptionsAdded: number } {
    const match = matcher.run();
    const exceptionsAdded = exceptions.detect(deps.clock.now());
    const changed = new Set(match.paymentIds);
    if (afterImport) {
      const since = new Date(deps.clock.now().getTime() - REFS_LOOKBACK_DAYS * 86_400_000).toISOString();
      for (const row of recentlyBooked.all(since)) changed.add(row.paymentId);
      for (const row of onChangedPayouts.all(since)) changed.add(row.paymentId);
    }
    if (changed.size > 0) deps.onMatched?.([...changed]);
    return { matched: match.payments + match.refunds, exceptionsAdded };
  }

  return {
    /** Imports every account now (joins a run already going), then matches and detects. */
    async run(): Promise<RunResult> {
      try {
        const accounts = await importer.importAll();
        return { accounts, ...reconcile(true) };
      } finally {
        progress = null;
        deps.onChanged?.();
      }
    },
    /** Matching and detection without an import (a payment assigned or refunded since). */
    reconcile: () => reconcile(false),
    exceptions,
    reports,
    status(): { running: boolean; progress: ImportProgress | null; accounts: AccountStatus[] } {
      return { running: importer.running, progress, accounts: statusRows.all() };
    },
    /**
     * Per configured provider with a settlement source, and per provider imported before: its usual
     * delay and fee ceiling (settable before the first import).
     */
    expectations(): (ProviderExpectation & { provider: string })[] {
      const imported = statusRows.all().map((a) => a.provider);
      const providers = [...new Set([...(deps.providers?.() ?? []), ...imported])].sort();
      return providers.map((provider) => ({ provider, ...expectationOf(provider, deps.settings) }));
    },
    configure(provider: string, next: ProviderExpectation): ProviderExpectation & { provider: string } {
      if (!deps.settings) throw new Error('no settings to save expectations in');
      const saved = saveExpectation({ db: deps.db, settings: deps.settings, audit: deps.audit }, provider, next);
      // A shorter delay or a lower ceiling may raise exceptions now.
      reconcile(false);
      return { provider, ...saved };
    },
    /** The zone of the report's and the exceptions' days. */
    timeZone: () => shopTimeZoneView(deps.settings),
    /** Sets the shop's zone (null: the computer's); exceptions found from now on use it. */
    setTimeZone(zone: string | null) {
      if (!deps.settings) throw new Error('no settings to save the time zone in');
      return saveShopTimeZone({ db: deps.db, settings: deps.settings, audit: deps.audit }, zone);
    },
    /** When the last import of all accounts finished (null: never, or one account never finished). */
    lastRunAt(): string | null {
      const accounts = statusRows.all();
      if (accounts.length === 0) return null;
      let oldest: string | null = null;
      for (const a of accounts) {
        const at = a.lastStartedAt;
        if (at === null) return null;
        if (oldest === null || at < oldest) oldest = at;
      }
      return oldest;
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
