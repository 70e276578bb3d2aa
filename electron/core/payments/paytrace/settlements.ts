import { instantOfWall } from '../../../../shared/time/pacific-time';
import type {
  SettlementPage,
  SettlementRowInput,
  SettlementSource,
  SettlementWindow,
} from '../../settlement/settlement-row';
import type { PayTraceClient } from './paytrace-client';
import { BatchesAnswer, BatchTransactionsAnswer, type ExportedTransaction, minorOf, usDate } from './wire';

/**
 * PayTrace's batches as settlement rows: `batches/export` for the window's days, then
 * `batches/transaction_list` per batch. The payout is the batch (PayTrace settles a batch to the
 * shop's bank in one deposit); PayTrace reports no fees through the API, so the fee is 0 and
 * the processor's statement carries them. Rows are whole batches: the cursor is the last batch
 * number stored, so a batch is never half stored. The stored rows are also what tells the
 * void-or-refund choice that a sale settled (settled-store.ts reads them), so nothing else is kept here.
 */
export function createPayTraceSettlements(deps: { client: PayTraceClient; account: string }): SettlementSource {
  return {
    account: deps.account,
    async fetch(window: SettlementWindow): Promise<SettlementPage> {
      const after = window.cursor === null ? 0 : Number(window.cursor);
      const listed = await deps.client.post(
        '/v1/batches/export',
        { start_date: usDate(window.from), end_date: usDate(window.to) },
        BatchesAnswer,
        'read_before_money',
      );
      const batches = listed.batches
        .filter((b) => b.batch_number > after)
        .sort((a, b) => a.batch_number - b.batch_number);
      const batch = batches[0];
      if (!batch) return { rows: [], cursor: window.cursor, more: false };
      const answer = await deps.client.post(
        '/v1/batches/transaction_list',
        { batch_number: batch.batch_number },
        BatchTransactionsAnswer,
        'read_before_money',
      );
      const settledOn = isoDateOf(batch.created.at);
      const rows = answer.transactions.map((row) => toRow(row, batch.batch_number, settledOn, deps.account));
      return { rows, cursor: String(batch.batch_number), more: batches.length > 1 };
    },
  };
}

function toRow(row: ExportedTransaction, batch: number, settledOn: string, account: string): SettlementRowInput {
  const id = row.transaction_id ?? row.check_transaction_id ?? 0;
  const refund = row.transaction_type.toUpperCase().includes('REFUND');
  const gross = (refund ? -1 : 1) * minorOf(row.amount);
  return {
    provider: 'paytrace',
    account,
    rowKey: `${batch}:${row.check_transaction_id ? 'check' : 'card'}:${id}`,
    type: refund ? 'refund' : 'payment',
    payoutId: String(batch),
    settledOn,
    bookedAt: row.created?.at ? isoDateTimeOf(row.created.at) : `${settledOn}T00:00:00Z`,
    providerPaymentRef: String(row.original_transaction_id ?? id),
    // A sale carries our payment reference, a refund Kassa's refund id: both in invoice_id.
    ourReference: row.invoice_id ?? null,
    grossMinor: gross,
    feeMinor: 0,
    netMinor: gross,
    currency: 'USD',
  };
}

/** PayTrace's "MM/DD/YYYY[ hh:mm:ss]" as YYYY-MM-DD. */
function isoDateOf(text: string): string {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(text.trim());
  if (!match) throw new Error(`PayTrace date not understood: ${text}`);
  return `${match[3]}-${match[1]}-${match[2]}`;
}

/**
 * PayTrace's "MM/DD/YYYY hh:mm:ss" as an ISO time. Its time zone is not documented (UNCONFIRMED,
 * docs/paytrace-wire.md); PayTrace settles on Pacific time, so it is read as Pacific time with
 * daylight saving (the same clock as the day figures and the batch close: shared/time/pacific-time.ts).
 */
function isoDateTimeOf(text: string): string {
  const time = /(\d{2}):(\d{2}):(\d{2})/.exec(text)?.slice(1).join(':') ?? '00:00:00';
  const wall = Date.parse(`${isoDateOf(text)}T${time}Z`);
  return new Date(instantOfWall(wall)).toISOString();
}
