import { z } from 'zod';
import {
  type PayoutTotalInput,
  type SettlementPage,
  SettlementRowInput,
  type SettlementSource,
  type SettlementType,
  type SettlementWindow,
} from '../../settlement/settlement-row';
import { ProviderError } from '../provider';
import { abortedPayout, payoutTotal, REMEMBERED_PAYOUTS, SeenPayout } from './seen-payouts';
import type { VippsClient } from './vipps-client';
import { VippsHttpError } from './vipps-client';
import type { VippsConfig } from './vipps-config';

/**
 * Vipps MobilePay's Report API (vipps-report-api-swagger.yaml, Report API 2.0) for one sales unit
 * (MSN), in Kassa's settlement rows. The ledger that settles for `api:<MSN>` comes from
 * `GET /settlement/v1/ledgers`; each closed ledger date is read whole from
 * `GET /report/v2/ledgers/{ledgerId}/{funds|fees}/dates/{date}` (following `cursor` while `hasMore`).
 *
 * - Fees come from the `fees` topic (`capture-fee`, joined on `pspReference`), so each capture row
 *   carries its own fee; the funds topic's `fees-retained` is the day's sum of those and is skipped.
 * - A payout is a whole number of ledger dates, closed by a `scheduled-for-payout` row on its last
 *   date; dates read before it are kept in the cursor (`awaiting`) and read again (the data is
 *   immutable) to give their rows the payout id once it exists. The money reaches the bank the day
 *   after that ledger date ("Monday capture → Wednesday payment"). The payout row's amount (negated:
 *   Vipps books it as money leaving the ledger) is the payout total reconciliation checks the lines against.
 * - A `payout-aborted` row returns a payout's money to the ledger: that payout is reported aborted and
 *   its dates wait again (`awaiting`), so the next payout re-reads them and its id replaces the aborted
 *   one on their lines. The cursor remembers the last payouts (their dates) for this.
 * - A first import that begins in the middle of a payout period (the ledger's balance before its first
 *   line is not 0) cannot see all that payout's lines: that one payout gets no total, so no false
 *   "payout total differs"; every later one does.
 * - A date not closed yet answers 404 (spec) or `tryLater: true` (guide): the import stops there and
 *   the cursor stays, so the next run asks again.
 * One page of the import = one ledger date, so a crash loses at most one date's work.
 */
const Money = z.number().int();
export const VippsReportRow = z.object({
  pspReference: z.string(),
  time: z.string(),
  ledgerDate: z.iso.date(),
  entryType: z.string(),
  reference: z.string().nullable().optional(),
  currency: z.string().length(3),
  amount: Money,
  balanceBefore: Money.optional(),
});
export const VippsReportPage = z.object({
  cursor: z.string().optional(),
  hasMore: z.boolean().optional(),
  tryLater: z.boolean().optional(),
  items: z.array(VippsReportRow),
});
export const VippsLedgers = z.object({
  cursor: z.string().optional(),
  items: z.array(
    z.object({
      ledgerId: z.string(),
      currency: z.string().optional(),
      settlesForRecipientHandles: z.array(z.string()).optional(),
    }),
  ),
});
type ReportRow = z.infer<typeof VippsReportRow>;

const ENTRY_TYPES: Record<string, SettlementType> = {
  capture: 'payment',
  refund: 'refund',
  'retained-disputed-capture': 'chargeback',
  'returned-disputed-capture': 'adjustment',
  correction: 'adjustment',
  'top-up': 'adjustment',
};

const Cursor = z.object({
  date: z.iso.date(),
  awaiting: z.array(z.iso.date()),
  payouts: z.array(SeenPayout).default([]),
  /**
   * The dates awaiting a payout are all the payout will pay: true after a payout was seen, or when the
   * ledger's balance was 0 before the first line read; null until a line says; false otherwise (the
   * first import began in the middle of a payout period, so its total cannot be checked).
   */
  complete: z.boolean().nullable().default(false),
});
type Cursor = z.infer<typeof Cursor>;

export function createVippsSettlements(options: {
  client: VippsClient;
  config: () => VippsConfig | null;
  /** Where a `payout-aborted` row Kassa cannot tie to one payout is reported (nothing is marked then). */
  log?: (message: string) => void;
}): SettlementSource {
  const ledgers = new Map<string, string>();
  const msn = (): string => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'MobilePay is not configured');
    return current.merchantSerialNumber;
  };

  async function ledgerId(): Promise<string> {
    const handle = `api:${msn()}`;
    const known = ledgers.get(handle);
    if (known) return known;
    const query = new URLSearchParams({ settlesForRecipientHandles: handle });
    const answer = await options.client.request(VippsLedgers, 'GET', `/settlement/v1/ledgers?${query}`);
    const ledger = answer.items.find((l) => l.settlesForRecipientHandles?.includes(handle) ?? true);
    if (!ledger) throw new ProviderError('refused', 'lookup_no_ledger', `no Vipps ledger settles for ${handle}`);
    ledgers.set(handle, ledger.ledgerId);
    return ledger.ledgerId;
  }

  /** Every row of one topic on one ledger date, or null while the date is not closed. */
  async function readDate(ledger: string, topic: 'funds' | 'fees', date: string): Promise<ReportRow[] | null> {
    const rows: ReportRow[] = [];
    let cursor: string | undefined;
    do {
      const query = cursor ? `?${new URLSearchParams({ cursor })}` : '';
      const path = `/report/v2/ledgers/${encodeURIComponent(ledger)}/${topic}/dates/${date}${query}`;
      const page = await options.client.request(VippsReportPage, 'GET', path).catch((error: unknown) => {
        if (error instanceof VippsHttpError && error.status === 404) return null;
        throw error;
      });
      if (page === null || page.tryLater) return null;
      rows.push(...page.items);
      cursor = page.hasMore ? page.cursor : undefined;
    } while (cursor);
    return rows;
  }

  async function rowsOf(account: string, ledger: string, date: string, payout: Payout | null) {
    const [funds, fees] = await Promise.all([readDate(ledger, 'funds', date), readDate(ledger, 'fees', date)]);
    if (funds === null || fees === null) return null;
    const feeOf = new Map<string, number>();
    for (const fee of fees) {
      if (fee.entryType === 'capture-fee')
        feeOf.set(fee.pspReference, (feeOf.get(fee.pspReference) ?? 0) + Math.abs(fee.amount));
    }
    const rows = funds.flatMap((row) => toRow(account, row, feeOf, payout));
    const closing = funds.find((row) => row.entryType === 'scheduled-for-payout') ?? null;
    const aborts = funds.filter((row) => row.entryType === 'payout-aborted');
    return { rows, closing, aborts, firstBalance: funds.length > 0 ? (funds[0]?.balanceBefore ?? null) : undefined };
  }

  const accountOf = () => options.config()?.merchantSerialNumber ?? 'vipps';
  return {
    get account() {
      return accountOf();
    },
    async fetch(window: SettlementWindow): Promise<SettlementPage> {
      const cursor = parseCursor(window.cursor) ?? { date: window.from, awaiting: [], payouts: [], complete: null };
      const same = { rows: [], cursor: window.cursor, more: false };
      if (cursor.date > window.to) return same;
      const account = accountOf();
      const ledger = await ledgerId();
      const today = await rowsOf(account, ledger, cursor.date, null);
      if (today === null) return same;
      let rows = today.rows;
      const payoutTotals: PayoutTotalInput[] = [];
      let payouts = cursor.payouts;
      let complete = cursor.complete;
      if (complete === null && today.firstBalance !== undefined) complete = today.firstBalance === 0;
      // An aborted payout's money is back on the ledger: its dates wait for the next payout again.
      const returned: string[] = [];
      for (const abort of today.aborts) {
        const aborted = abortedPayout(payouts, abort);
        if (!aborted) {
          options.log?.(
            `Vipps payout-aborted ${abort.pspReference} on ${abort.ledgerDate} (${abort.amount} ${abort.currency}, ` +
              `reference ${abort.reference ?? '-'}) names no payout Kassa can tell: no payout marked aborted`,
          );
          continue;
        }
        payoutTotals.push(payoutTotal(account, aborted, true));
        returned.push(...aborted.dates);
        complete = complete === true && aborted.complete;
        payouts = payouts.filter((p) => p !== aborted);
      }
      let awaiting = [...new Set([...returned, ...cursor.awaiting, cursor.date])].sort();
      if (today.closing) {
        const closing = today.closing;
        const payout = { id: closing.pspReference, settledOn: addDays(closing.ledgerDate, 1) };
        // The payout closes every date since the last one: read them again with its id.
        rows = [];
        for (const date of awaiting) {
          const again = date === cursor.date ? today : await rowsOf(account, ledger, date, payout);
          if (again) rows.push(...(date === cursor.date ? rowsWith(again.rows, payout) : again.rows));
        }
        // Vipps books the payout as money leaving the ledger (negative); the shop receives it.
        const seen: SeenPayout = {
          id: payout.id,
          reference: closing.reference ?? null,
          dates: awaiting,
          settledOn: payout.settledOn,
          netMinor: -closing.amount,
          currency: closing.currency,
          complete: complete === true,
        };
        // A payout whose first dates lie before the first import cannot be checked: no total then.
        if (seen.complete) payoutTotals.push(payoutTotal(account, seen, false));
        payouts = [...payouts, seen].slice(-REMEMBERED_PAYOUTS);
        awaiting = [];
        complete = true;
      }
      // Without a new payout, the returned dates' lines keep the aborted payout's id until one comes.
      const next: Cursor = { date: addDays(cursor.date, 1), awaiting, payouts, complete };
      return { rows, payoutTotals, cursor: JSON.stringify(next), more: next.date <= window.to };
    },
  };
}

function rowsWith(rows: readonly SettlementRowInput[], payout: Payout): SettlementRowInput[] {
  return rows.map((row) => ({ ...row, payoutId: payout.id, settledOn: payout.settledOn }));
}

interface Payout {
  readonly id: string;
  readonly settledOn: string;
}

function toRow(
  account: string,
  row: ReportRow,
  feeOf: Map<string, number>,
  payout: Payout | null,
): SettlementRowInput[] {
  const type = ENTRY_TYPES[row.entryType];
  if (!type) return [];
  const fee = type === 'payment' ? (feeOf.get(row.pspReference) ?? 0) : 0;
  return [
    SettlementRowInput.parse({
      provider: 'vipps',
      account,
      rowKey: `${row.entryType}:${row.pspReference}`,
      type,
      payoutId: payout?.id ?? null,
      settledOn: payout?.settledOn ?? null,
      bookedAt: new Date(row.time).toISOString(),
      providerPaymentRef: row.reference ?? null,
      ourReference: row.reference ?? null,
      grossMinor: row.amount,
      feeMinor: fee,
      netMinor: row.amount - fee,
      currency: row.currency,
    }),
  ];
}

function parseCursor(text: string | null): Cursor | null {
  if (!text) return null;
  try {
    const parsed = Cursor.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
