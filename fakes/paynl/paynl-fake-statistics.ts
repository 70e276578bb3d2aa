import type { FakeReply, SeenRequest } from '../fake-http';
import { type FakeOrder, isPaid, paidValue, problem } from './paynl-fake-bodies';

/** Money paid at Pay. outside Kassa's orders (the web shop, another till on the account), per day. */
interface OtherVolume {
  readonly date: string;
  readonly methodId: string;
  readonly label: string;
  readonly minor: number;
  readonly transactions: number;
}

/** Local calendar date, as Kassa's clock sees it (the fake and the counter run on one machine). */
const localDate = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Cents as the guide's example prints volumes: major units, a JSON number (1234 → 12.34). */
const major = (minor: number) => minor / 100;

/**
 * `GET /v2/statistics/management` (Statistics:Management) as Kassa reads it — UNCONFIRMED shape, see
 * electron/core/payments/paynl/day-totals.ts: `startDate`/`endDate` (calendar dates, inclusive),
 * `groupBy[0]=paymentMethod`; `statistics[]` groups `{id, label, data: [{volume, costs, transactions,
 * averagePaidAmount, internalVolume, externalVolume, totalVolume}]}` in major units. Paid orders
 * count under PIN (method 1927) on the day they were created; `other` adds money Kassa never saw.
 */
export function createPayNlStatistics(orders: () => readonly FakeOrder[]) {
  const others: OtherVolume[] = [];

  function route(req: SeenRequest, url: URL): FakeReply | null {
    if (req.method !== 'GET' || req.path !== '/v2/statistics/management') return null;
    const from = url.searchParams.get('startDate');
    const to = url.searchParams.get('endDate');
    const dated = /^\d{4}-\d{2}-\d{2}$/;
    if (!from || !to || !dated.test(from) || !dated.test(to) || from > to)
      return problem(400, 'PAY-400', 'startDate and endDate are required (YYYY-MM-DD)');
    const groups = new Map<string, { label: string; minor: number; transactions: number }>();
    const add = (id: string, label: string, minor: number, transactions: number) => {
      const group = groups.get(id) ?? { label, minor: 0, transactions: 0 };
      group.minor += minor;
      group.transactions += transactions;
      groups.set(id, group);
    };
    for (const o of orders()) {
      const day = localDate(o.createdAt);
      if (o.type === 'sale' && isPaid(o) && day >= from && day <= to) add('1927', 'Pin', paidValue(o), 1);
    }
    for (const v of others) if (v.date >= from && v.date <= to) add(v.methodId, v.label, v.minor, v.transactions);
    return {
      status: 200,
      body: {
        statistics: [...groups].map(([id, g]) => ({
          id,
          label: g.label,
          data: [
            {
              volume: major(g.minor),
              costs: 0,
              transactions: g.transactions,
              averagePaidAmount: g.transactions ? Math.round(major(g.minor) / g.transactions) : 0,
              internalVolume: major(g.minor),
              externalVolume: 0,
              totalVolume: major(g.minor),
            },
          ],
        })),
      },
    };
  }

  return {
    route,
    /** Money paid at Pay. that Kassa never saw (e.g. a web-shop iDEAL payment today). */
    other(input: { minor: number; transactions?: number; date?: string; methodId?: string; label?: string }) {
      others.push({
        date: input.date ?? localDate(new Date().toISOString()),
        methodId: input.methodId ?? '10',
        label: input.label ?? 'iDEAL',
        minor: input.minor,
        transactions: input.transactions ?? 1,
      });
    },
  };
}
