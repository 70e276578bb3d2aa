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

export interface DayTotalsSource {
  /**
   * The provider's figures for the window. Throws (a ProviderError with a code) when it cannot tell:
   * not configured, refused, an answer that does not parse. Must not move money.
   */
  read(window: DayWindow): Promise<ReportedDay>;
}
