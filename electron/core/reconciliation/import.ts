import type { Clock } from '../clock';
import type { Db } from '../db/types';
import { ProviderError } from '../payments/provider';
import type { SettlementRepository } from '../settlement/settlement-repository';
import { PayoutTotalInput, SettlementRowInput, type SettlementSource } from '../settlement/settlement-row';

/** A provider's settlement source as the engine found it on the provider's instance. */
export interface ProviderSettlementSource {
  /** The provider module's id: every row the source gives must carry it. */
  readonly provider: string;
  readonly source: SettlementSource;
}

export interface ImportOptions {
  /** Days asked for the first time an account is imported. */
  readonly initialDays?: number;
  /** Days asked again on every later run (late payout ids and fees are filled in); the cursor skips the rest. */
  readonly lookbackDays?: number;
  /** Pause between two pages of one account, so a provider is not hammered. */
  readonly pageGapMs?: number;
  /** Safety stop: a source that always says "more" cannot keep an import running forever. */
  readonly maxPages?: number;
}

export interface ImportProgress {
  readonly provider: string;
  readonly account: string;
  readonly pages: number;
  readonly rows: number;
}

export interface AccountResult {
  readonly provider: string;
  readonly account: string;
  readonly ok: boolean;
  readonly changed: number;
  readonly error: string | null;
}

/**
 * Imports every provider account's settlement data into `settlement_rows`, generic over the
 * providers' `SettlementSource`s. Per account: a date window (first time `initialDays`, later
 * `lookbackDays`) plus the source's own cursor; each page's rows, the payout totals the provider
 * stated and the cursor after them are stored in one transaction (`storePage`), so a crash or SIGKILL
 * keeps all or none and the next run goes on from the cursor. Re-importing a day changes nothing (rows are keyed by the provider's own line id).
 * Accounts run one after the other with a pause between pages; one failing account records its error
 * and the others still run.
 */
export function createSettlementImport(deps: {
  db: Db;
  settlements: SettlementRepository;
  sources: () => readonly ProviderSettlementSource[];
  clock: Clock;
  options?: ImportOptions;
  onProgress?: (progress: ImportProgress) => void;
  log?: (message: string, error?: unknown) => void;
}) {
  const initialDays = deps.options?.initialDays ?? 35;
  const lookbackDays = deps.options?.lookbackDays ?? 7;
  const pageGapMs = deps.options?.pageGapMs ?? 250;
  const maxPages = deps.options?.maxPages ?? 10_000;
  const { db } = deps;

  const coveredFrom = db.prepare<[string, string], { coveredFrom: string | null }>(
    'SELECT covered_from AS coveredFrom FROM reconciliation_imports WHERE provider = ? AND account = ?',
  );
  const started = db.prepare(
    `INSERT INTO reconciliation_imports (provider, account, last_started_at) VALUES (?, ?, ?)
     ON CONFLICT (provider, account) DO UPDATE SET last_started_at = excluded.last_started_at`,
  );
  const finished = db.prepare(
    `UPDATE reconciliation_imports SET last_finished_at = @at, last_error = NULL, last_error_at = NULL,
       rows_last = @rows, covered_from = COALESCE(covered_from, @from) WHERE provider = @provider AND account = @account`,
  );
  const failed = db.prepare(
    `UPDATE reconciliation_imports SET last_error = @error, last_error_at = @at, rows_last = @rows
     WHERE provider = @provider AND account = @account`,
  );

  async function importAccount(entry: ProviderSettlementSource): Promise<AccountResult | null> {
    const { provider, source } = entry;
    const now = () => deps.clock.now().toISOString();
    const today = now().slice(0, 10);
    let account: string;
    try {
      account = source.account;
    } catch {
      return null;
    }
    const covered = coveredFrom.get(provider, account)?.coveredFrom ?? null;
    const from = addDays(today, -(covered ? lookbackDays : initialDays));
    let cursor = deps.settlements.cursor(provider, account);
    let changed = 0;
    let rowsSeen = 0;
    let startedRecorded = false;
    try {
      for (let pages = 1; pages <= maxPages; pages++) {
        const page = await source.fetch({ from, to: today, cursor });
        if (!startedRecorded) {
          started.run(provider, account, now());
          startedRecorded = true;
        }
        const ours = <T extends { provider: string; account: string }>(checked: T): T => {
          if (checked.provider !== provider || checked.account !== account) {
            throw new Error(`a ${provider} settlement line names ${checked.provider}/${checked.account}`);
          }
          return checked;
        };
        const rows = page.rows.map((row) => ours(SettlementRowInput.parse(row)));
        const totals = (page.payoutTotals ?? []).map((total) => ours(PayoutTotalInput.parse(total)));
        changed += deps.settlements.storePage(rows, { provider, account, cursor: page.cursor }, now(), totals);
        rowsSeen += rows.length;
        cursor = page.cursor;
        deps.onProgress?.({ provider, account, pages, rows: rowsSeen });
        if (!page.more) break;
        if (pageGapMs > 0) await sleep(pageGapMs);
      }
      finished.run({ at: now(), rows: changed, from, provider, account });
      return { provider, account, ok: true, changed, error: null };
    } catch (error) {
      // Not configured (credentials removed, or never set): nothing to import, nothing to report.
      if (error instanceof ProviderError && error.code === 'not_configured') return null;
      const message = error instanceof Error ? error.message : String(error);
      if (!startedRecorded) started.run(provider, account, now());
      failed.run({ error: message.slice(0, 500), at: now(), rows: changed, provider, account });
      deps.log?.(`settlement import of ${provider}/${account} failed`, error);
      return { provider, account, ok: false, changed, error: message };
    }
  }

  let running: Promise<AccountResult[]> | null = null;

  return {
    /** Every account once; a second call while one runs joins it instead of importing twice. */
    importAll(): Promise<AccountResult[]> {
      running ??= (async () => {
        const results: AccountResult[] = [];
        try {
          for (const entry of deps.sources()) {
            const result = await importAccount(entry);
            if (result) results.push(result);
          }
          return results;
        } finally {
          running = null;
        }
      })();
      return running;
    },
    get running(): boolean {
      return running !== null;
    },
  };
}

export type SettlementImport = ReturnType<typeof createSettlementImport>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
