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
  /** The line's payout was aborted (its money went back to the provider's balance): not paid out. */
  readonly payoutAborted: boolean;
}

/** What the provider says a payout amounted to (settlement_payouts). */
export interface StatedPayout {
  readonly provider: string;
  readonly payoutId: string;
  readonly currency: string;
  readonly settledOn: string | null;
  readonly netMinor: number;
  readonly aborted: boolean;
  /** The sum of net of all the payout's lines in this account and currency, on any booking day. */
  readonly linesNetMinor: number;
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
  /** The payout amount the provider stated (null: it states none); `netMinor` is the sum of the lines. */
  readonly statedNetMinor: number | null;
  /**
   * The sum of net of ALL the payout's lines, also those booked on other days than a day report's
   * (null when nothing is stated): what `statedNetMinor` is compared with.
   */
  readonly payoutNetMinor: number | null;
  readonly aborted: boolean;
}

export interface SettlementReport {
  readonly kind: 'day' | 'payout';
  /** The day (YYYY-MM-DD) or the payout id the report is about. */
  readonly key: string;
  /** The zone whose calendar days the day report uses (IANA name). */
  readonly timeZone: string;
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
 * gross − fee = net on every line and total, and that each payout's sums are its rows' sums). Each
 * payout shows next to the summed net what the provider stated (`stated`); a payout report also
 * lists a stated payout that no line carries (any more, e.g. after an abort).
 */
export function buildReport(
  kind: 'day' | 'payout',
  key: string,
  rows: readonly ReportRow[],
  stated: readonly StatedPayout[] = [],
  timeZone = 'UTC',
): SettlementReport {
  const sorted = [...rows].sort(
    (a, b) =>
      a.provider.localeCompare(b.provider) ||
      a.bookedOn.localeCompare(b.bookedOn) ||
      (a.reference ?? '').localeCompare(b.reference ?? ''),
  );
  const statedOf = new Map<
    string,
    { netMinor: number; linesNetMinor: number; aborted: boolean; settledOn: string | null }
  >();
  for (const s of stated) {
    const k = `${s.provider}|${s.payoutId}|${s.currency}`;
    const before = statedOf.get(k);
    statedOf.set(k, {
      netMinor: (before?.netMinor ?? 0) + s.netMinor,
      linesNetMinor: (before?.linesNetMinor ?? 0) + s.linesNetMinor,
      aborted: (before?.aborted ?? false) || s.aborted,
      settledOn: s.settledOn ?? before?.settledOn ?? null,
    });
  }
  const summed = groupBy(
    sorted,
    (r) => `${r.provider}|${r.payoutId ?? ''}|${r.currency}`,
    (r) => ({ provider: r.provider, payoutId: r.payoutId, settledOn: r.settledOn, currency: r.currency }),
  );
  const payouts: PayoutSummary[] = summed.map((p) => {
    const s = p.payoutId === null ? undefined : statedOf.get(`${p.provider}|${p.payoutId}|${p.currency}`);
    const aborted = s?.aborted ?? false;
    return {
      ...p,
      settledOn: aborted ? null : p.settledOn,
      statedNetMinor: s?.netMinor ?? null,
      payoutNetMinor: s?.linesNetMinor ?? null,
      aborted,
    };
  });
  if (kind === 'payout') {
    for (const s of stated) {
      if (payouts.some((p) => p.provider === s.provider && p.payoutId === s.payoutId && p.currency === s.currency))
        continue;
      const k = statedOf.get(`${s.provider}|${s.payoutId}|${s.currency}`);
      payouts.push({
        provider: s.provider,
        payoutId: s.payoutId,
        settledOn: k?.aborted ? null : s.settledOn,
        currency: s.currency,
        ...empty(),
        statedNetMinor: k?.netMinor ?? s.netMinor,
        payoutNetMinor: k?.linesNetMinor ?? s.linesNetMinor,
        aborted: k?.aborted ?? s.aborted,
      });
    }
  }
  return {
    kind,
    key,
    timeZone,
    lines: groupBy(
      sorted,
      (r) => `${r.provider}|${r.tender}|${r.currency}`,
      (r) => ({
        provider: r.provider,
        tender: r.tender,
        currency: r.currency,
      }),
    ),
    payouts,
    totals: groupBy(
      sorted,
      (r) => r.currency,
      (r) => ({ currency: r.currency }),
    ),
    rows: sorted,
  };
}
