/**
 * What a provider says it took in a window of the day — the X/Z report's "provider reports" column
 * (issue 12: "the expected totals next to what the providers report for the day where they can").
 * A provider offers it as `dayTotals` on its instance (provider-module.ts); the day service asks the
 * providers used in the period and puts their answer beside Kassa's own totals (ask-providers.ts).
 *
 * Reading only: no money moves, so a failed or slow read is shown as such and never holds up a close.
 */

/** The period asked about: the business day's window, and which station's payments Kassa counted. */
export interface DayWindow {
  /** ISO instants: from the period's start (inclusive) to the close or now (exclusive). */
  readonly from: string;
  readonly to: string;
  /** The shop's calendar dates (YYYY-MM-DD) the window falls in, for providers that count whole days. */
  readonly fromDate: string;
  readonly toDate: string;
  /** The station whose report this is (its payments' references carry it: `KS<station>…`). */
  readonly stationId: string;
  /**
   * The currencies of this provider's tenders on Kassa's side in the period: a provider whose answer
   * names no currency (Pay.) can tell only when they are all the one its figure is in.
   */
  readonly currencies: readonly string[];
}

/** One figure of the provider's, before it is set beside Kassa's (the comparison adds `expected`). */
export interface ReportedFigure {
  readonly currency: string;
  /** A terminal's figure, or null for the provider's total in this currency. */
  readonly terminalId: string | null;
  /** `net`: sales minus refunds; `sales`: money taken only. */
  readonly measure: 'net' | 'sales';
  readonly count: number | null;
  readonly minor: number;
}

export interface ReportedDay {
  /** `station`: only this station's payments; `account`: everything on the provider account. */
  readonly scope: 'station' | 'account';
  /** The provider's own period: the window itself, or the calendar dates it counts. */
  readonly period: { readonly from: string; readonly to: string };
  readonly figures: readonly ReportedFigure[];
}

/**
 * The provider answered, but its answer cannot be a figure: an amount that is not exact cents, a
 * currency Kassa cannot tell. Shown as "not available" with `code` (never the provider's words).
 */
export class DayFigureUnavailable extends Error {
  override name = 'DayFigureUnavailable';
  constructor(
    readonly code: 'currency_unknown' | 'amount_not_exact',
    message: string,
  ) {
    super(message);
  }
}

export interface DayTotalsSource {
  /**
   * The provider's figures for the window. Throws (a ProviderError or DayFigureUnavailable with a
   * code) when it cannot tell: not configured, refused, an answer that does not parse or is not
   * exact. Must not move money. `signal` aborts when the caller stopped waiting (the close's timeout):
   * a source stops its requests then, a late answer is dropped anyway.
   */
  read(window: DayWindow, signal?: AbortSignal): Promise<ReportedDay>;
}
