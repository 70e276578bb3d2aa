import { describe, expect, it } from 'vitest';
import type { PayTraceClient } from '../../../electron/core/payments/paytrace/paytrace-client';
import { createPayTraceSettlements } from '../../../electron/core/payments/paytrace/settlements';

/** PayTrace prints its times on Pacific time; a batch line's booking time must be the real instant, summer and winter. */
function clientAnswering(at: string): PayTraceClient {
  const answers: Record<string, unknown> = {
    '/v1/batches/export': { success: true, batches: [{ batch_number: 7, created: { at } }] },
    '/v1/batches/transaction_list': {
      success: true,
      transactions: [
        { transaction_id: 11, transaction_type: 'SALE', amount: 12.5, invoice_id: 'KSC1X', created: { at } },
      ],
    },
  };
  return {
    post: async (path: string, _body: unknown, schema: { parse(value: unknown): unknown }) =>
      schema.parse(answers[path]),
  } as unknown as PayTraceClient;
}

describe('PayTrace batch lines in reconciliation', () => {
  it.each([
    ['a summer evening (PDT, UTC−7)', '07/14/2026 19:30:00', '2026-07-15T02:30:00.000Z'],
    ['a winter evening (PST, UTC−8)', '12/01/2026 19:30:00', '2026-12-02T03:30:00.000Z'],
  ])('books %s at the instant PayTrace meant', async (_when, printed, instant) => {
    const source = createPayTraceSettlements({ client: clientAnswering(printed), account: 'shop' });
    const page = await source.fetch({ from: '2026-07-01', to: '2026-12-31', cursor: null });
    expect(page.rows.map((row) => [row.bookedAt, row.grossMinor, row.currency])).toEqual([[instant, 1250, 'USD']]);
  });
});
