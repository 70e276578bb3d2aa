import { z } from 'zod';
import {
  type SettlementPage,
  SettlementRowInput,
  type SettlementSource,
  type SettlementType,
  type SettlementWindow,
} from '../../settlement/settlement-row';
import type { PayNlConfig } from './paynl-config';
import { createPayNlRestReads } from './paynl-rest-reads';

/**
 * Pay.'s settlement data for one sales location (service), in Kassa's settlement rows.
 *
 * Two steps, because Pay. has no "transactions by date" endpoint (reconciliation_receipts.md §A.3.2):
 * 1. `GET /v2/clearinglines` (Clearing:Lines, in the REST v2 spec) for the date window: which
 *    clearings (payouts) exist, and their settlement date. Lines are aggregated per line type, so
 *    they name the clearings but not the payments.
 * 2. Clearings:Records for each clearing: the transactions in it. That endpoint is beta and not in the
 *    2024-08 spec; its path (`/v2/clearings/{clearingId}/records`, after the reference's slug
 *    `clearing_clearing_records_get`) and field names are UNCONFIRMED — the schema below is our
 *    reading, checked with zod, so a different answer fails loudly instead of importing wrong money.
 *
 * Amounts are cents (the spec says so for clearing lines). The cursor is the page of clearing lines
 * reached for the window's first day; a finished window leaves `{ doneThrough }` so the next run
 * re-reads only the last days (clearings come "in the morning" after the day).
 */
const PAGE_SIZE = 100;
/** Days re-read before the last finished day: late clearings for those days still arrive. */
const REREAD_DAYS = 3;

const Amount = z.object({ value: z.number().int(), currency: z.string().length(3).optional() });

export const PayClearingLines = z.object({
  total: z.number().int(),
  count: z.number().int(),
  clearingLines: z.array(
    z.object({
      code: z.string(),
      amount: Amount,
      settlementDate: z.iso.date().nullable(),
      clearingDate: z.iso.date().nullable(),
      state: z.string(),
      clearingID: z.string().nullable(),
    }),
  ),
  _links: z.object({ next: z.object({ href: z.string() }).optional() }).optional(),
});

/** Clearings:Records (UNCONFIRMED shape, see above). `amount` signed from the shop's side, `costs` Pay.'s fee. */
export const PayClearingRecords = z.object({
  records: z.array(
    z.object({
      transactionId: z.string(),
      orderId: z.string().nullable(),
      reference: z.string().nullable(),
      type: z.string(),
      amount: z.object({ value: z.number().int(), currency: z.string().length(3) }),
      costs: z.object({ value: z.number().int(), currency: z.string().length(3) }),
      processedDate: z.iso.date(),
    }),
  ),
});

const RECORD_TYPES: Record<string, SettlementType> = {
  PAYMENT: 'payment',
  REFUND: 'refund',
  CHARGEBACK: 'chargeback',
  COSTS: 'fee',
  CORRECTION: 'adjustment',
};

const Cursor = z.union([
  z.object({ from: z.iso.date(), page: z.number().int().min(1) }),
  z.object({ doneThrough: z.iso.date() }),
]);

export function createPayNlSettlements(options: {
  config: () => PayNlConfig | null;
  timeoutMs?: number;
}): SettlementSource {
  const client = createPayNlRestReads({ config: options.config, timeoutMs: options.timeoutMs ?? 30_000 });
  const read = <T extends z.ZodType>(schema: T, path: string) =>
    client.request({ schema, method: 'GET', path, effect: 'read_before_money' });

  const account = () => options.config()?.serviceId ?? 'paynl';
  return {
    get account() {
      return account();
    },
    async fetch(window: SettlementWindow): Promise<SettlementPage> {
      const { from, page } = startOf(window);
      const query = new URLSearchParams({
        'date[gte]': from,
        'date[lte]': window.to,
        limit: String(PAGE_SIZE),
        page: String(page),
      });
      const lines = await read(PayClearingLines, `/v2/clearinglines?${query}`);
      const clearings = new Map<string, string | null>();
      for (const line of lines.clearingLines) {
        if (line.clearingID && line.state !== 'PROCESSED') clearings.set(line.clearingID, line.settlementDate);
      }
      const rows: SettlementRowInput[] = [];
      for (const [clearingId, settledOn] of clearings) {
        const answer = await read(PayClearingRecords, `/v2/clearings/${encodeURIComponent(clearingId)}/records`);
        for (const record of answer.records) rows.push(toRow(account(), clearingId, settledOn, record));
      }
      const more = lines._links?.next !== undefined && lines.clearingLines.length > 0;
      return {
        rows,
        more,
        cursor: JSON.stringify(more ? { from, page: page + 1 } : { doneThrough: window.to }),
      };
    },
  };
}

function startOf(window: SettlementWindow): { from: string; page: number } {
  const parsed = window.cursor ? Cursor.safeParse(JSON.parse(window.cursor)) : null;
  if (!parsed?.success) return { from: window.from, page: 1 };
  if ('page' in parsed.data) return parsed.data.from >= window.from ? parsed.data : { from: window.from, page: 1 };
  const reread = addDays(parsed.data.doneThrough, -REREAD_DAYS);
  return { from: reread > window.from ? reread : window.from, page: 1 };
}

function toRow(
  account: string,
  clearingId: string,
  settledOn: string | null,
  record: z.infer<typeof PayClearingRecords>['records'][number],
): SettlementRowInput {
  const type = RECORD_TYPES[record.type.toUpperCase()] ?? 'adjustment';
  const gross = type === 'fee' ? 0 : record.amount.value;
  const fee = type === 'fee' ? Math.abs(record.amount.value) + record.costs.value : record.costs.value;
  return SettlementRowInput.parse({
    provider: 'paynl',
    account,
    // A transaction appears once per clearing; its type keeps a refund of it apart.
    rowKey: `${clearingId}:${record.transactionId}:${type}`,
    type,
    payoutId: clearingId,
    settledOn,
    bookedAt: `${record.processedDate}T00:00:00.000Z`,
    providerPaymentRef: record.transactionId,
    ourReference: record.reference,
    grossMinor: gross,
    feeMinor: fee,
    netMinor: gross - fee,
    currency: record.amount.currency,
  });
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
