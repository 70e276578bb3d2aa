import { z } from 'zod';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import {
  PayoutTotalInput,
  type SettlementPage,
  type SettlementSource,
  type SettlementWindow,
} from '../../settlement/settlement-row';
import type { CheckoutClient } from './checkout-client';
import type { CheckoutConfig } from './checkout-config';
import { FinancialActionList } from './checkout-schemas';
import { readReportPage } from './payout-reports';
import { actionRow, fromFinancialAction } from './settlement-action-row';

/**
 * A cursor at pass 2 left by a failed report read this long ago belongs to an earlier run: that run
 * starts with pass 1 (the next page of one run follows within a second or so).
 */
const NEW_RUN_AFTER_MS = 60_000;

/**
 * Where an import stopped. `actions`: at this payment, on this page of its financial actions (the
 * shape before payout reports, `{paymentId, token}`, still reads). `reports`: on this page of the
 * report listing. `seen`: the payout reports already read, so a later run reads only new or changed
 * ones; it rides along in every cursor, so it survives restarts with it.
 */
const Cursor = z.object({
  paymentId: z.string().nullable(),
  token: z.string().nullable(),
  phase: z.enum(['actions', 'reports']).default('actions'),
  page: z.string().nullable().default(null),
  /** The window `page` belongs to: a listing token is not carried into another window's listing. */
  pageOf: z.string().nullable().default(null),
  seen: z.record(z.string(), z.tuple([z.string(), z.string()])).default({}),
  /** See `PayoutChannels` (payout-reports.ts): which payouts also paid other channels; totals waiting. */
  paidOthers: z.record(z.string(), z.boolean()).default({}),
  pending: z.array(PayoutTotalInput).default([]),
  /** When pass 2 failed after pass 1's last page was stored (see `fetch`). */
  failedAt: z.string().nullable().default(null),
});
type Cursor = z.infer<typeof Cursor>;

const PAGE_SIZE = 100;

/**
 * Checkout.com's settlement data, in two passes per import:
 * 1. The Financial Actions API (`GET /financial-actions?payment_id=…`, paginated by
 *    `pagination_token`) for Kassa's own Checkout.com payments made in the window (the API has no
 *    date filter), one payment's page per fetch: near real time, but with no payout id or day.
 * 2. The Reports API (`GET /reports` for reports created in the window, then each payout report's
 *    CSV file): "Financial Actions by Payout ID" gives the same actions (same row key, the action id)
 *    with their payout id and payout day, so the import's upsert fills those in place; the "Payouts"
 *    report gives each payout's stated total (`payoutTotals`). See `payout-reports.ts`.
 * The last page of pass 1 carries the first page of pass 2, so a window without more reports costs
 * one fetch per payment, as before.
 */
export function createCheckoutSettlements(deps: {
  client: CheckoutClient;
  config: () => CheckoutConfig | null;
  payments: PaymentRepository;
  now?: () => number;
  /** Reports per listing page (default 20: each page's new files are downloaded in one fetch). */
  reportPageSize?: number;
}): SettlementSource {
  function candidates(window: SettlementWindow): PaymentRow[] {
    return deps.payments
      .createdSince(`${window.from}T00:00:00.000Z`)
      .filter(
        (p) => p.provider === 'checkout' && p.providerRef?.startsWith('pay_') && p.createdAt.slice(0, 10) <= window.to,
      )
      .sort((a, b) =>
        a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
      );
  }

  const account = () => deps.config()?.processingChannelId ?? 'default';

  function parseCursor(text: string | null): Cursor {
    const fresh: Cursor = {
      paymentId: null,
      token: null,
      phase: 'actions',
      page: null,
      pageOf: null,
      seen: {},
      paidOthers: {},
      pending: [],
      failedAt: null,
    };
    if (!text) return fresh;
    try {
      const parsed = Cursor.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : fresh;
    } catch {
      return fresh;
    }
  }

  /** Pass 2, one listing page; `more` while the listing has pages left. */
  async function reports(window: SettlementWindow, state: Cursor, before: SettlementPage['rows']) {
    const windowKey = `${window.from}/${window.to}`;
    const page = await readReportPage(
      { client: deps.client, account: account(), processingChannelId: deps.config()?.processingChannelId ?? null },
      window,
      state.pageOf === windowKey ? state.page : null,
      state.seen,
      deps.reportPageSize,
      { paidOthers: state.paidOthers, pending: state.pending },
    );
    const rows = [...before, ...page.rows];
    const next: Cursor = page.next
      ? {
          ...state,
          phase: 'reports',
          page: page.next,
          pageOf: windowKey,
          seen: page.seen,
          ...page.channels,
          failedAt: null,
        }
      : // Done: the next run starts with pass 1 again, from this run's last payment (as before).
        { ...state, phase: 'actions', page: null, pageOf: null, seen: page.seen, ...page.channels, failedAt: null };
    return { rows, payoutTotals: page.payoutTotals, cursor: JSON.stringify(next), more: page.next !== null };
  }

  return {
    get account() {
      return account();
    },
    async fetch(window: SettlementWindow): Promise<SettlementPage> {
      const now = deps.now ?? Date.now;
      let state = parseCursor(window.cursor);
      if (state.failedAt && now() - Date.parse(state.failedAt) > NEW_RUN_AFTER_MS) {
        state = { ...state, phase: 'actions', page: null, pageOf: null, failedAt: null };
      }
      if (state.phase === 'reports') return reports(window, state, []);
      const list = candidates(window);
      const at = state.paymentId ? list.findIndex((p) => p.id === state.paymentId) : -1;
      const index = Math.max(0, at);
      const payment = list[index];
      if (!payment?.providerRef) return reports(window, { ...state, paymentId: null, token: null }, []);
      const token = at >= 0 ? state.token : null;
      const query = new URLSearchParams({ payment_id: payment.providerRef, limit: String(PAGE_SIZE) });
      if (token) query.set('pagination_token', token);
      const page = await deps.client.request(FinancialActionList, 'GET', `/financial-actions?${query}`);
      const rows = (page.data ?? []).map((action) => actionRow(fromFinancialAction(action), payment, account(), null));
      const nextToken = page._links?.next?.href
        ? new URL(page._links.next.href).searchParams.get('pagination_token')
        : null;
      const cursor = (at: Partial<Cursor>) => JSON.stringify({ ...state, ...at });
      if (nextToken) return { rows, cursor: cursor({ paymentId: payment.id, token: nextToken }), more: true };
      const next = list[index + 1];
      if (next) return { rows, cursor: cursor({ paymentId: next.id, token: null }), more: true };
      const done: Cursor = { ...state, paymentId: payment.id, token: null, page: null, failedAt: null };
      // The payments' rows do not wait for the reports: if the listing or a file fails, they are
      // stored with a cursor at pass 2, whose own fetch then fails and shows the error. The next run
      // starts with pass 1 again (`failedAt`), so broken reports never hold up the payments' rows.
      return reports(window, done, rows).catch(() => ({
        rows,
        cursor: JSON.stringify({ ...done, phase: 'reports', pageOf: null, failedAt: new Date(now()).toISOString() }),
        more: true,
      }));
    },
  };
}
