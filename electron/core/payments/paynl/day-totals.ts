import { z } from 'zod';
import { decimalToMinor } from '../../../../shared/money/decimal';
import {
  DayFigureUnavailable,
  type DayTotalsSource,
  type DayWindow,
  type ReportedDay,
} from '../../day/provider-day-totals';
import type { PayNlConfig } from './paynl-config';
import { createPayNlRestReads } from './paynl-rest-reads';

/** Pay. accounts are in euros; its statistics name no currency (as far as the guide shows). */
const PAY_CURRENCY = 'EUR';

/**
 * Pay.'s own figure for the day: `GET /v2/statistics/management` (Statistics:Management), the
 * volume and number of transactions over calendar days, grouped by payment method.
 *
 * UNCONFIRMED: the endpoint is not in the vendored REST v2 spec. What is known comes from Pay.'s
 * guide (developer.pay.nl/docs/manage-the-money-flow; reconciliation_receipts.md §A.3.2): query
 * `startDate`, `endDate` (YYYY-MM-DD), `groupBy[0]`/`groupBy[1]` (e.g. merchantCode, paymentMethod);
 * answer `statistics[]` of groups `{id, label, data[]}` whose innermost `data` holds
 * `{volume, costs, transactions, averagePaidAmount, internalVolume, externalVolume, totalVolume}`.
 * Read here as:
 * - amounts in the currency's major units (the guide's example: volume 258 over 13 transactions,
 *   average paid 20 — euros, not cents), taken digit by digit from their decimal text (a JSON
 *   number through `String(n)`): more than two decimals or an exponent is "not available"
 *   (`amount_not_exact`), never rounded;
 * - in euros: the answer names no currency in the guide, so the figure is given only when Kassa's
 *   own Pay. tenders of the period are all EUR, and refused when any level of the answer names
 *   another currency (`currency_unknown` either way) — never a sum of volumes in different currencies;
 * - paid volume only (`totalVolume`, else `volume`): refunds are not in it, so it is compared
 *   with the money Kassa took (measure `sales`), not with the net;
 * - the whole account (every sales location and web shop on it), over whole calendar days.
 * An answer in another shape fails the zod parse: the report says "not available", never a guess.
 */
// Other fields (costs, averagePaidAmount…) are not used and are dropped by the parse.
const Amount = z.union([z.number(), z.string()]);
const Metrics = z.object({
  volume: Amount,
  totalVolume: Amount.optional(),
  transactions: z.number().int().nonnegative(),
  currency: z.string().optional(),
});
type Metrics = z.infer<typeof Metrics>;
interface Group {
  id: string | number;
  label?: string | undefined;
  currency?: string | undefined;
  data: Array<Group | Metrics>;
}
const Group: z.ZodType<Group> = z.lazy(() =>
  z
    .object({
      id: z.union([z.string(), z.number()]),
      label: z.string().optional(),
      currency: z.string().optional(),
      data: z.array(z.union([Group, Metrics])),
    })
    .passthrough(),
);
export const PayStatistics = z.object({ statistics: z.array(Group), currency: z.string().optional() }).passthrough();

/**
 * Major units to cents by their decimal digits: 12.3 → 1230, "4.05" → 405. A JSON number is read
 * through `String(n)`, its shortest exact decimal text: 12.345, 0.1 + 0.2 (0.30000000000000004) and
 * 1e21 are refused, not rounded.
 */
export function centsOf(amount: number | string): number {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const cents = decimalToMinor(text, 'EUR', 'exact');
  if (cents === null) {
    throw new DayFigureUnavailable('amount_not_exact', `not an amount in whole cents: ${text.slice(0, 40)}`);
  }
  return cents;
}

function refuseOtherCurrency(currency: string | undefined): void {
  if (currency !== undefined && currency.toUpperCase() !== PAY_CURRENCY) {
    throw new DayFigureUnavailable('currency_unknown', `Pay. statistics in ${currency.slice(0, 10)}`);
  }
}

/** The transactions and paid volume (cents) of a Statistics:Management answer, over every group level. */
export function statisticsTotal(nodes: ReadonlyArray<Group | Metrics>): { count: number; minor: number } {
  let count = 0;
  let minor = 0;
  for (const node of nodes) {
    refuseOtherCurrency(node.currency);
    if ('data' in node) {
      const inner = statisticsTotal(node.data);
      count += inner.count;
      minor += inner.minor;
    } else {
      count += node.transactions;
      minor += centsOf(node.totalVolume ?? node.volume);
    }
  }
  return { count, minor };
}

export function createPayNlDayTotals(options: {
  config: () => PayNlConfig | null;
  timeoutMs?: number;
}): DayTotalsSource {
  const client = createPayNlRestReads({ config: options.config, timeoutMs: options.timeoutMs ?? 10_000 });
  return {
    async read(window: DayWindow, signal?: AbortSignal): Promise<ReportedDay> {
      // Pay.'s figure is in euros: beside Kassa's Pay. money in another currency it would be a guess.
      if (window.currencies.some((currency) => currency !== PAY_CURRENCY)) {
        throw new DayFigureUnavailable('currency_unknown', `Pay. tenders in ${window.currencies.join(', ')}`);
      }
      const query = new URLSearchParams({
        startDate: window.fromDate,
        endDate: window.toDate,
        'groupBy[0]': 'paymentMethod',
      });
      const answer = await client.request({
        schema: PayStatistics,
        method: 'GET',
        path: `/v2/statistics/management?${query}`,
        effect: 'read_before_money',
        ...(signal ? { signal } : {}),
      });
      refuseOtherCurrency(answer.currency);
      const total = statisticsTotal(answer.statistics);
      return {
        scope: 'account',
        period: { from: window.fromDate, to: window.toDate },
        figures: [
          { currency: PAY_CURRENCY, terminalId: null, measure: 'sales', count: total.count, minor: total.minor },
        ],
      };
    },
  };
}
