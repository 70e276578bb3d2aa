import type { FakeReply, SeenRequest } from '../fake-http';
import { problem } from './paynl-fake-bodies';

/** One transaction Pay. cleared (or will): what a test or the demo says Pay. settled. */
export interface FakeClearedTransaction {
  readonly type: 'PAYMENT' | 'REFUND' | 'CHARGEBACK' | 'CORRECTION';
  /** The order id Kassa knows (the Order API's `id`). */
  readonly transactionId: string;
  readonly reference: string | null;
  /** Cents, signed from the merchant's side (refund and chargeback negative). */
  readonly amountMinor: number;
  /** Pay.'s costs for this transaction, cents. */
  readonly costsMinor: number;
  readonly currency: string;
  readonly processedDate: string;
  /** The clearing day (the payout): null = not cleared yet. */
  readonly clearingDate: string | null;
}

/**
 * Pay.'s clearing data: `GET /v2/clearinglines` (Clearing:Lines, REST v2 spec: one aggregated line per
 * clearing and line type, `date[gte]`/`date[lte]` deepObject filters, `limit`/`page` with `_links`) and
 * Clearings:Records `GET /v2/clearings/{id}/records` (beta, path and fields UNCONFIRMED: see
 * electron/core/payments/paynl/settlements.ts). A clearing is one per clearing day; its money reaches
 * the bank the next day.
 */
export function createPayNlClearings(merchant = 'M-1000-0001') {
  let transactions: FakeClearedTransaction[] = [];
  const clearingId = (day: string) => `CL-${day.replaceAll('-', '')}-0001`;
  const nextDay = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };

  function lines(from: string, to: string) {
    const groups = new Map<string, { day: string; type: string; value: number; currency: string }>();
    for (const t of transactions) {
      if (!t.clearingDate || t.clearingDate < from || t.clearingDate > to) continue;
      const key = `${t.clearingDate}|${t.type}|${t.currency}`;
      const group = groups.get(key) ?? { day: t.clearingDate, type: t.type, value: 0, currency: t.currency };
      group.value += Math.abs(t.amountMinor);
      groups.set(key, group);
    }
    return [...groups.values()]
      .sort((a, b) => a.day.localeCompare(b.day) || a.type.localeCompare(b.type))
      .map((g, i) => ({
        code: `CLL-${String(i + 1).padStart(6, '0')}`,
        merchant: { code: merchant, contractPackage: 'Pay. POS' },
        turnoverGroup: null,
        clearingLineType: {
          id: g.type === 'PAYMENT' ? 706 : 9,
          name: g.type === 'PAYMENT' ? 'Visa Mastercard' : g.type,
        },
        unitType: { id: 1, name: 'Transaction' },
        amount: { value: Math.max(1, g.value), currency: g.currency },
        valueDate: g.day,
        clearingDate: g.day,
        settlementDate: nextDay(g.day),
        processedDate: g.day,
        state: 'SETTLED',
        clearingID: clearingId(g.day),
      }));
  }

  function route(req: SeenRequest, url: URL): FakeReply | null {
    if (req.method === 'GET' && req.path === '/v2/clearinglines') {
      const from = url.searchParams.get('date[gte]') ?? '0000-00-00';
      const to = url.searchParams.get('date[lte]') ?? '9999-99-99';
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 100));
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = lines(from, to);
      const pages = Math.max(1, Math.ceil(all.length / limit));
      const link = (p: number) => ({ href: `/v2/clearinglines?page=${p}&limit=${limit}` });
      return {
        status: 200,
        body: {
          total: all.length,
          count: Math.min(limit, Math.max(0, all.length - (page - 1) * limit)),
          clearingLines: all.slice((page - 1) * limit, page * limit),
          _links: {
            first: link(1),
            last: link(pages),
            ...(page > 1 ? { previous: link(page - 1) } : {}),
            ...(page < pages ? { next: link(page + 1) } : {}),
            self: { href: link(page).href, rel: 'self', type: 'GET' },
          },
        },
      };
    }
    const records = req.path.match(/^\/v2\/clearings\/([^/]+)\/records$/);
    if (records && req.method === 'GET') {
      const id = decodeURIComponent(records[1] ?? '');
      const inClearing = transactions.filter((t) => t.clearingDate && clearingId(t.clearingDate) === id);
      if (inClearing.length === 0) return problem(404, 'PAY-404', 'Clearing not found');
      return {
        status: 200,
        body: {
          total: inClearing.length,
          count: inClearing.length,
          records: inClearing.map((t) => ({
            transactionId: t.transactionId,
            orderId: null,
            reference: t.reference,
            type: t.type,
            amount: { value: t.amountMinor, currency: t.currency },
            costs: { value: t.costsMinor, currency: t.currency },
            processedDate: t.processedDate,
          })),
        },
      };
    }
    return null;
  }

  return {
    route,
    add(transaction: FakeClearedTransaction) {
      transactions.push(transaction);
    },
    transactions: () => [...transactions],
    /** Pay. corrects a line it reported before (its amount or costs); the next read shows the new figures. */
    correct(transactionId: string, patch: Partial<Pick<FakeClearedTransaction, 'amountMinor' | 'costsMinor'>>) {
      transactions = transactions.map((t) =>
        t.transactionId === transactionId && t.type === 'PAYMENT' ? { ...t, ...patch } : t,
      );
    },
    clearingId,
  };
}

export type PayNlClearings = ReturnType<typeof createPayNlClearings>;
