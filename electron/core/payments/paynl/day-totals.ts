import { z } from 'zod';
import type { DayTotalsSource, DayWindow, ReportedDay } from '../../day/provider-day-totals';
import { createJsonClient } from '../json-client';
import { ProviderError } from '../provider';
import { basicAuth, type PayNlConfig } from './paynl-config';
import { payProblem } from './paynl-provider';

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
 *   average paid 20 — euros, not cents), converted by their decimal digits, never by float maths;
 * - EUR (the answer names no currency; Pay. accounts are in euros);
 * - paid volume only (`totalVolume`, else `volume`): refunds are not in it, so it is compared
 *   with the money Kassa took (measure `sales`), not with the net;
 * - the whole account (every sales location and web shop on it), over whole calendar days.
 * An answer in another shape fails the zod parse: the report says "not available", never a guess.
 */
// Other fields (costs, averagePaidAmount…) are not used and are dropped by the parse.
const Metrics = z.object({
  volume: z.number(),
  totalVolume: z.number().optional(),
  transactions: z.number().int().nonnegative(),
});
type Metrics = z.infer<typeof Metrics>;
interface Group {
  id: string | number;
  label?: string | undefined;
  data: Array<Group | Metrics>;
}
const Group: z.ZodType<Group> = z.lazy(() =>
  z
    .object({
      id: z.union([z.string(), z.number()]),
      label: z.string().optional(),
      data: z.array(z.union([Group, Metrics])),
    })
    .passthrough(),
);
export const PayStatistics = z.object({ statistics: z.array(Group) }).passthrough();

/** Major units (a JSON number, maybe with decimals) to cents by their digits: 12.3 → 1230. */
export function centsOf(amount: number): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.toFixed(2));
  if (!match) throw new ProviderError('refused', 'unreadable_answer', `not an amount: ${amount}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

/** The transactions and paid volume (cents) of a Statistics:Management answer, over every group level. */
export function statisticsTotal(nodes: ReadonlyArray<Group | Metrics>): { count: number; minor: number } {
  let count = 0;
  let minor = 0;
  for (const node of nodes) {
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
  const config = (): PayNlConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'Pay. is not configured');
    return current;
  };
  const client = createJsonClient({
    baseUrl: () => config().restUrl,
    headers: () => ({ authorization: basicAuth(config(), 'token') }),
    toError: payProblem,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return {
    async read(window: DayWindow): Promise<ReportedDay> {
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
      });
      const total = statisticsTotal(answer.statistics);
      return {
        scope: 'account',
        period: { from: window.fromDate, to: window.toDate },
        figures: [{ currency: 'EUR', terminalId: null, measure: 'sales', count: total.count, minor: total.minor }],
      };
    },
  };
}
