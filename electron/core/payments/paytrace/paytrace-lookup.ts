import type { PayTraceClient } from './paytrace-client';
import { ExportAnswer, type ExportedTransaction, usDate } from './wire';

/** Card sales and checks (ACH) live at different PayTrace paths and carry differently named ids. */
export type Rail = 'card' | 'check';

export const RAIL_PATHS = {
  card: {
    sale: '/v1/transactions/sale/by_customer',
    void: '/v1/transactions/void',
    refund: '/v1/transactions/refund/for_transaction',
    exportById: '/v1/transactions/export/by_id',
    exportByDate: '/v1/transactions/export/by_date_range',
    id: 'transaction_id',
  },
  check: {
    sale: '/v1/checks/sale/by_customer',
    void: '/v1/checks/manage/void',
    refund: '/v1/checks/refund/by_transaction',
    exportById: '/v1/checks/export/by_id',
    exportByDate: '/v1/checks/export/by_date_range',
    id: 'check_transaction_id',
  },
} as const;

/** How far back a lost answer is looked for: a counter may be off for a long weekend. */
const LOOKBACK_DAYS = 7;

export function idOf(row: ExportedTransaction, rail: Rail): number | null {
  return (rail === 'check' ? row.check_transaction_id : row.transaction_id) ?? null;
}

/**
 * Reads PayTrace's exports: the one place Kassa asks "did this happen?" instead of sending again.
 * Reads move no money, so their failures are what they are (a read that fails settles nothing).
 */
export function createPayTraceLookup(client: PayTraceClient, now: () => Date) {
  const rowsOf = (answer: { transactions: ExportedTransaction[]; checks?: ExportedTransaction[] | undefined }) => [
    ...answer.transactions,
    ...(answer.checks ?? []),
  ];

  return {
    /** The transaction by PayTrace's id, or null when PayTrace has none by that id. */
    async byId(rail: Rail, id: number): Promise<ExportedTransaction | null> {
      const paths = RAIL_PATHS[rail];
      const answer = await client.post(paths.exportById, { [paths.id]: id }, ExportAnswer);
      return rowsOf(answer).find((row) => idOf(row, rail) === id) ?? null;
    },

    /**
     * The transactions whose `invoice_id` is exactly `text` (our reference or refund id), found with
     * `including_text` over the last days; PayTrace's text search also matches substrings, so the
     * rows are filtered on the exact value.
     */
    async byText(rail: Rail, text: string, type?: 'SALE' | 'REFUND'): Promise<ExportedTransaction[]> {
      const end = now();
      const start = new Date(end.getTime() - LOOKBACK_DAYS * 86_400_000);
      // A day either side: PayTrace's days are Pacific time, Kassa's clock is the shop's.
      const after = new Date(end.getTime() + 86_400_000);
      const answer = await client.post(
        RAIL_PATHS[rail].exportByDate,
        {
          start_date: usDate(start.toISOString().slice(0, 10)),
          end_date: usDate(after.toISOString().slice(0, 10)),
          including_text: text,
          ...(type ? { transaction_type: type } : {}),
        },
        ExportAnswer,
      );
      return rowsOf(answer).filter((row) => row.invoice_id === text);
    },
  };
}

export type PayTraceLookup = ReturnType<typeof createPayTraceLookup>;
