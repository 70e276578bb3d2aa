import { instantOfWall, pacificDate } from '../../../../shared/time/pacific-time';
import type { DayTotalsSource, DayWindow, ReportedDay, ReportedFigure } from '../../day/provider-day-totals';
import type { PayTraceClient } from './paytrace-client';
import { exportedSaleStatus, RESPONSE_CODES } from './paytrace-codes';
import { idOf, RAIL_PATHS, type Rail } from './paytrace-lookup';
import { PAYTRACE_ACH_TERMINAL, PAYTRACE_CARD_TERMINAL } from './paytrace-provider';
import { ExportAnswer, type ExportedTransaction, minorOf, usDate } from './wire';

const TERMINAL_OF: Record<Rail, string> = { card: PAYTRACE_CARD_TERMINAL, check: PAYTRACE_ACH_TERMINAL };
const REFUNDED: ReadonlySet<number> = new Set([RESPONSE_CODES.REFUNDED, RESPONSE_CODES.CHECK_REFUNDED]);

/**
 * PayTrace's own figure for a station's day, per rail (card on file, bank account on file), in
 * cents: the approved sales minus the refunds in the window, read from `export/by_date_range`
 * (the same export lost-answer lookups use). Only this station's money: a sale is the station's
 * when its `invoice_id` is one of the station's references (`KS<station>` + 20 characters,
 * shared/payment/reference.ts); a refund when the sale it refunds is (found in the export, else by
 * `export/by_id`, one after the other, stopped when the caller's signal aborts). Voided sales count
 * nothing, as on Kassa's side. Reads only: no money moves.
 */
export function createPayTraceDayTotals(deps: { client: PayTraceClient }): DayTotalsSource {
  const exportRange = async (rail: Rail, window: DayWindow, stop?: AbortSignal): Promise<ExportedTransaction[]> => {
    const answer = await deps.client.post(
      RAIL_PATHS[rail].exportByDate,
      { start_date: usDate(pacificDate(new Date(window.from))), end_date: usDate(pacificDate(new Date(window.to))) },
      ExportAnswer,
      'read_before_money',
      stop,
    );
    return rail === 'check' ? (answer.checks ?? []) : answer.transactions;
  };
  const byId = async (rail: Rail, id: number, stop?: AbortSignal): Promise<ExportedTransaction | null> => {
    const paths = RAIL_PATHS[rail];
    const answer = await deps.client.post(
      paths.exportById,
      { [paths.id]: id },
      ExportAnswer,
      'read_before_money',
      stop,
    );
    const rows = rail === 'check' ? (answer.checks ?? []) : answer.transactions;
    return rows.find((row) => idOf(row, rail) === id) ?? null;
  };

  async function railFigure(rail: Rail, window: DayWindow, stop?: AbortSignal): Promise<ReportedFigure> {
    const rows = await exportRange(rail, window, stop);
    const ours = (row: ExportedTransaction | null | undefined) => isStationReference(row?.invoice_id, window.stationId);
    const inWindow = rows.filter((row) => within(row, window));
    let count = 0;
    let minor = 0;
    for (const row of inWindow) {
      const type = row.transaction_type.toUpperCase();
      if (type === 'SALE' && ours(row) && exportedSaleStatus(row, rail).kind === 'approved') {
        count += 1;
        minor += minorOf(row.amount);
      }
      if (type === 'REFUND' && row.response_code != null && REFUNDED.has(row.response_code)) {
        const originalId = row.original_transaction_id ?? null;
        if (originalId === null) continue;
        // The close stopped waiting: no further by_id call for an answer it would drop.
        stop?.throwIfAborted();
        const original = rows.find((r) => idOf(r, rail) === originalId) ?? (await byId(rail, originalId, stop));
        if (ours(original)) minor -= minorOf(row.amount);
      }
    }
    return { currency: 'USD', terminalId: TERMINAL_OF[rail], measure: 'net', count, minor };
  }

  return {
    async read(window: DayWindow, stop?: AbortSignal): Promise<ReportedDay> {
      const figures = await Promise.all([railFigure('card', window, stop), railFigure('check', window, stop)]);
      return { scope: 'station', period: { from: window.from, to: window.to }, figures };
    },
  };
}

/** `KS<station>` + the payment id's 20 characters: exact, so station C1 never takes C12's sales. */
function isStationReference(invoiceId: string | null | undefined, stationId: string): boolean {
  return (
    typeof invoiceId === 'string' &&
    invoiceId.length === 2 + stationId.length + 20 &&
    invoiceId.startsWith(`KS${stationId}`)
  );
}

/**
 * Whether PayTrace's `created.at` ("MM/DD/YYYY hh:mm:ss", Pacific time with daylight saving —
 * pacific-time.ts; the zone is UNCONFIRMED, docs/paytrace-wire.md) falls in [from, to).
 */
function within(row: ExportedTransaction, window: DayWindow): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?/.exec(row.created?.at?.trim() ?? '');
  if (!match) return false;
  const [, month, day, year, h = '00', m = '00', s = '00'] = match;
  const at = instantOfWall(Date.parse(`${year}-${month}-${day}T${h}:${m}:${s}.000Z`));
  // PayTrace prints whole seconds: the window's start is taken to its second too.
  return at >= Math.floor(Date.parse(window.from) / 1000) * 1000 && at < Date.parse(window.to);
}
