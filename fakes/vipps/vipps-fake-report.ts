import { randomInt } from 'node:crypto';
import type { FakeReply, SeenRequest } from '../fake-http';
import { type FakePayment, problem } from './vipps-fake-wire';

/** One ledger entry the fake's Report API shows: what a test or the demo says Vipps settled. */
export interface FakeLedgerEntry {
  readonly entryType: 'capture' | 'refund' | 'retained-disputed-capture' | 'returned-disputed-capture' | 'correction';
  /** The ePayment `reference` (Kassa's reference). */
  readonly reference: string;
  /** Minor units, signed as the ledger moves (a refund or a retained dispute negative). */
  readonly amountMinor: number;
  /** The capture fee Vipps keeps (net settlement), minor units; captures only. */
  readonly feeMinor: number;
  readonly currency: string;
  readonly ledgerDate: string;
  /** When Vipps booked it (ISO, UTC); default: a morning hour of the ledger date. */
  readonly time?: string;
  /** The fee is retained on the funds (and so missing from the payout) but has no `capture-fee` row on the fees topic. */
  readonly feeOnlyInFunds?: boolean;
}

/**
 * The Vipps Report API 2.0 (vipps-report-api-swagger.yaml): `GET /settlement/v1/ledgers` and
 * `GET /report/v2/ledgers/{ledgerId}/{funds|fees}/dates/{ledgerDate}` with `cursor`/`hasMore` paging.
 * Net settlement: each date's funds end with `fees-retained` and, on a payout date, with
 * `scheduled-for-payout` (the last row). A payout can be aborted (`abortPayout`): a `payout-aborted`
 * row returns its money and the next payout takes it again. Dates after `closedThrough` answer 404.
 */
export function createVippsReport(msn: string, options: { pageSize?: number } = {}) {
  const ledgerId = '302321';
  const entries: (FakeLedgerEntry & { pspReference: string; time: string })[] = [];
  const payoutDates = new Set<string>();
  /** Payout date → the ledger date its `payout-aborted` row is on (the bank transfer failed). */
  const aborts = new Map<string, string>();
  /** Payout date → the bank-transfer text its `payout-aborted` row gives instead of the payout's own. */
  const abortReferences = new Map<string, string | null>();
  let closedThrough = '9999-12-31';
  const pageSize = options.pageSize ?? 100;
  let followed: (() => Iterable<FakePayment>) | null = null;
  const all = () => [...entries, ...(followed ? fromPayments(followed()) : [])];

  function fundsOf(date: string) {
    // The ledger's balance carries over from the dates since the last payout that reached the bank.
    let balance = all()
      .filter((e) => e.ledgerDate < date && e.ledgerDate > previousPayout(date, 'before'))
      .reduce((sum, e) => sum + e.amountMinor - e.feeMinor, 0);
    const rows: Record<string, unknown>[] = [];
    const push = (row: {
      pspReference: string;
      time: string;
      entryType: string;
      /** null: the row carries no `reference` at all. */
      reference: string | null;
      currency: string;
      amount: number;
    }) => {
      const { reference, ...rest } = row;
      rows.push({
        ...rest,
        ...(reference === null ? {} : { reference }),
        ledgerDate: date,
        balanceBefore: balance,
        balanceAfter: balance + row.amount,
        recipientHandle: `api:${msn}`,
      });
      balance += row.amount;
    };
    const today = all().filter((e) => e.ledgerDate === date);
    for (const e of today) {
      const { pspReference, time, entryType, reference, currency, amountMinor } = e;
      push({ pspReference, time, entryType, reference, currency, amount: amountMinor });
    }
    const fees = today.reduce((sum, e) => sum + e.feeMinor, 0);
    const currency = today[0]?.currency ?? 'NOK';
    if (fees > 0) {
      push({
        pspReference: `fr-${date}`,
        time: `${date}T23:59:00.000000Z`,
        entryType: 'fees-retained',
        reference: `fees ${date}`,
        currency,
        amount: -fees,
      });
    }
    for (const [payoutDate, on] of aborts) {
      if (on !== date) continue;
      // The money of the failed transfer comes back to the ledger. UNCONFIRMED how Vipps names the
      // payout on this row: the fake repeats its bank-transfer text.
      push({
        pspReference: `pa-${payoutDate.replaceAll('-', '')}`,
        time: `${date}T06:00:00.000000Z`,
        entryType: 'payout-aborted',
        reference: abortReferences.has(payoutDate) ? (abortReferences.get(payoutDate) ?? null) : bankText(payoutDate),
        currency,
        amount: owedAt(payoutDate),
      });
    }
    if (payoutDates.has(date)) {
      push({
        pspReference: `po-${date.replaceAll('-', '')}`,
        time: `${date}T23:59:59.000000Z`,
        entryType: 'scheduled-for-payout',
        reference: bankText(date),
        currency,
        amount: -owedAt(date),
      });
    }
    return rows;
  }

  const bankText = (date: string) => `Vipps utbet. ${date.replaceAll('-', '')} Vippsnr ${msn}`;

  /** The payout takes the whole balance since the last payout that reached the bank. */
  function owedAt(date: string): number {
    const since = previousPayout(date);
    return all()
      .filter((e) => e.ledgerDate <= date && e.ledgerDate > since)
      .reduce((s, e) => s + e.amountMinor - e.feeMinor, 0);
  }

  /**
   * The last payout before `date` not aborted by then (an aborted payout's money stays owed); with
   * `before`, an abort on `date` itself does not count yet (its row brings the money back that day).
   */
  function previousPayout(date: string, aborted: 'by' | 'before' = 'by'): string {
    const undone = (d: string) => {
      const on = aborts.get(d);
      return on !== undefined && (aborted === 'by' ? on <= date : on < date);
    };
    return (
      [...payoutDates]
        .filter((d) => d < date && !undone(d))
        .sort()
        .at(-1) ?? '0000-00-00'
    );
  }

  function feesOf(date: string) {
    return all()
      .filter((e) => e.ledgerDate === date && e.feeMinor > 0 && !e.feeOnlyInFunds)
      .map((e) => ({
        pspReference: e.pspReference,
        time: e.time,
        ledgerDate: date,
        entryType: 'capture-fee',
        reference: e.reference,
        currency: e.currency,
        amount: e.feeMinor,
        balanceBefore: 0,
        balanceAfter: 0,
        recipientHandle: `api:${msn}`,
      }));
  }

  function route(req: SeenRequest, url: URL): FakeReply | null {
    if (req.method !== 'GET') return null;
    if (req.path === '/settlement/v1/ledgers') {
      return {
        status: 200,
        body: {
          items: [
            {
              ledgerId,
              currency: 'NOK',
              payoutBankAccount: { scheme: 'BBAN:NO', id: '86011117947' },
              owner: { scheme: 'business:NO:ORG', id: '987654321' },
              settlesForRecipientHandles: [`api:${msn}`],
            },
          ],
        },
      };
    }
    const match = req.path.match(/^\/report\/v2\/ledgers\/([^/]+)\/(funds|fees)\/dates\/(\d{4}-\d{2}-\d{2})$/);
    if (!match) return null;
    if (match[1] !== ledgerId) return problem(404, 'Not found', 'No such ledger');
    const date = match[3] ?? '';
    if (date > closedThrough) return { status: 404, body: { title: 'The report for this date is not available yet' } };
    const all = match[2] === 'funds' ? fundsOf(date) : feesOf(date);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const items = all.slice(start, start + pageSize);
    const hasMore = start + pageSize < all.length;
    return { status: 200, body: { items, hasMore, ...(hasMore ? { cursor: String(start + pageSize) } : {}) } };
  }

  return {
    route,
    ledgerId,
    add(entry: FakeLedgerEntry) {
      entries.push({
        ...entry,
        pspReference: String(randomInt(1e9, 9e9)),
        time: entry.time ?? `${entry.ledgerDate}T${String(8 + (entries.length % 10)).padStart(2, '0')}:00:00.000000Z`,
      });
    },
    /** A payout closes this ledger date (and every date since the previous payout). */
    payoutOn(date: string) {
      payoutDates.add(date);
    },
    /** The payout of `payoutDate` fails at the bank: a `payout-aborted` row on ledger date `on` returns its money. */
    abortPayout(payoutDate: string, on: string, options: { reference?: string | null } = {}) {
      aborts.set(payoutDate, on);
      // A row that does not repeat the payout's text (null: no reference at all).
      if (options.reference !== undefined) abortReferences.set(payoutDate, options.reference);
    },
    /** Dates after this one are not closed yet (404). */
    closeThrough(date: string) {
      closedThrough = date;
    },
    entries: () => all(),
    /** The demo: the fake's own captured and refunded payments show in the ledger (1.75 % capture fee). */
    follow(payments: () => Iterable<FakePayment>) {
      followed = payments;
    },
  };
}

/** Ledger entries for the fake's own payments, dated by their capture and refund events. */
function fromPayments(payments: Iterable<FakePayment>): (FakeLedgerEntry & { pspReference: string; time: string })[] {
  const out: (FakeLedgerEntry & { pspReference: string; time: string })[] = [];
  for (const p of payments) {
    const at = (name: string) => p.events.find((e) => e.name === name && e.success)?.timestamp;
    const captured = at('CAPTURED');
    if (p.captured > 0 && captured) {
      out.push({
        entryType: 'capture',
        reference: p.reference,
        amountMinor: p.captured,
        feeMinor: Math.round(p.captured * 0.0175),
        currency: p.amount.currency,
        ledgerDate: captured.slice(0, 10),
        pspReference: `${p.pspReference}-c`,
        time: captured,
      });
    }
    const refunded = at('REFUNDED');
    if (p.refunded > 0 && refunded) {
      out.push({
        entryType: 'refund',
        reference: p.reference,
        amountMinor: -p.refunded,
        feeMinor: 0,
        currency: p.amount.currency,
        ledgerDate: refunded.slice(0, 10),
        pspReference: `${p.pspReference}-r`,
        time: refunded,
      });
    }
  }
  return out;
}

export type VippsReport = ReturnType<typeof createVippsReport>;
