import type { SettlementType } from '../settlement/settlement-row';

/** One settled line as the report shows it: the provider's figures and what Kassa matched it to. */
export interface ReportRow {
  readonly provider: string;
  readonly account: string;
  readonly type: SettlementType;
  readonly payoutId: string | null;
  readonly settledOn: string | null;
  readonly bookedOn: string;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
  readonly currency: string;
  /** How the customer paid (Kassa's payment method), or `unknown` when no Kassa payment matches. */
  readonly tender: string;
  readonly reference: string | null;
  readonly paymentId: string | null;
}

export interface ReportTotals {
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
  readonly matched: number;
  readonly unmatched: number;
}

/** One provider, tender and currency: never sums across currencies. */
export interface ReportLine extends ReportTotals {
  readonly provider: string;
  readonly tender: string;
  readonly currency: string;
}

export interface PayoutSummary extends ReportTotals {
  readonly provider: string;
  readonly payoutId: string | null;
  readonly settledOn: string | null;
  readonly currency: string;
}

export interface SettlementReport {
  readonly kind: 'day' | 'payout';
  /** The day (YYYY-MM-DD) or the payout id the report is about. */
  readonly key: string;
  readonly lines: readonly ReportLine[];
  readonly payouts: readonly PayoutSummary[];
  /** Per currency. */
  readonly totals: readonly (ReportTotals & { readonly currency: string })[];
  readonly rows: readonly ReportRow[];
}

const empty = (): { grossMinor: number; feeMinor: number; netMinor: number; matched: number; unmatched: number } => ({
  grossMinor: 0,
  feeMinor: 0,
  netMinor: 0,
  matched: 0,
  unmatched: 0,
});

function add(to: ReturnType<typeof empty>, row: ReportRow): void {
  to.grossMinor += row.grossMinor;
  to.feeMinor += row.feeMinor;
  to.netMinor += row.netMinor;
  if (row.paymentId) to.matched += 1;
  else to.unmatched += 1;
}

function groupBy<K extends string, T>(
  rows: readonly ReportRow[],
  key: (row: ReportRow) => K,
  make: (row: ReportRow) => T,
) {
  const groups = new Map<K, T & ReturnType<typeof empty>>();
  for (const row of rows) {
    const k = key(row);
    let group = groups.get(k);
    if (!group) {
      group = { ...make(row), ...empty() };
      groups.set(k, group);
    }
    add(group, row);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, group]) => group);
}

/**
 * A day's or a payout's settlement figures, from the rows alone (pure: the property tests check that
 * gross − fee = net on every line and total, and that each payout's sums are its rows' sums).
 */
export function buildReport(kind: 'day' | 'payout', key: string, rows: readonly ReportRow[]): SettlementReport {
  const sorted = [...rows].sort(
    (a, b) =>
      a.provider.localeCompare(b.provider) ||
      a.bookedOn.localeCompare(b.bookedOn) ||
      (a.reference ?? '').localeCompare(b.reference ?? ''),
  );
  return {
    kind,
    key,
    lines: groupBy(
      sorted,
      (r) => `${r.provider}|${r.tender}|${r.currency}`,
      (r) => ({
        provider: r.provider,
        tender: r.tender,
        currency: r.currency,
      }),
    ),
    payouts: groupBy(
      sorted,
      (r) => `${r.provider}|${r.payoutId ?? ''}|${r.currency}`,
      (r) => ({
        provider: r.provider,
        payoutId: r.payoutId,
        settledOn: r.settledOn,
        currency: r.currency,
      }),
    ),
    totals: groupBy(
      sorted,
      (r) => r.currency,
      (r) => ({ currency: r.currency }),
    ),
    rows: sorted,
  };
}
