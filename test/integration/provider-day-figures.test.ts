import { describe, expect, it } from 'vitest';
import { centsOf, PayStatistics, statisticsTotal } from '../../electron/core/payments/paynl/day-totals';
import { createPayTraceDayTotals } from '../../electron/core/payments/paytrace/day-totals';
import { createPayTraceClient } from '../../electron/core/payments/paytrace/paytrace-client';
import { startPayTraceFake } from '../../fakes/paytrace/paytrace-fake';
import { usDateTime } from '../../fakes/paytrace/paytrace-fake-ledger';
import { wireProblems } from '../helpers/paytrace-harness';
import { closeAfterEach } from '../helpers/provider-harness';

/** The providers' day figures on their own: PayTrace's export read over HTTP, Pay.'s statistics parsed. */

const cleanups = closeAfterEach();
const ref = (station: string) => `KS${station}20261130180000ABC${String(Math.random()).slice(2, 5)}`;

describe('PayTrace: this station’s day from the transaction export', () => {
  it('counts approved sales in the window minus refunds of the station’s sales (an earlier day’s sale found by id)', async () => {
    let now = new Date('2026-11-30T18:00:00.000Z');
    const fake = await startPayTraceFake({ now: () => now });
    cleanups.push(fake.close);
    const customer = { customerId: 'KASSA-US-1002', description: '' };
    const sale = (rail: 'card' | 'check', amountMinor: number, invoiceId: string) =>
      Number(fake.ledger.sale(rail, { ...customer, amountMinor, invoiceId }).body.transaction_id);

    // The day before: a sale of this station, settled, refunded in part today.
    const yesterday = sale('card', 10_000, ref('C1'));
    fake.settleBatch();
    now = new Date('2026-12-01T18:00:00.000Z');
    fake.ledger.refund('card', yesterday, 3_000, 'RF-1');
    sale('card', 2_000, ref('C1'));
    sale('card', 4_402, ref('C1')); // declined (…02): no money
    sale('card', 7_000, ref('C12')); // station C12: not C1's, though it starts with KSC1
    sale('check', 5_000, ref('C1'));
    now = new Date('2026-12-01T21:00:00.000Z');
    sale('card', 9_000, ref('C1')); // after the window's end

    const client = createPayTraceClient({
      config: () => ({
        apiUrl: fake.url,
        username: fake.credentials.username,
        password: fake.credentials.password,
        integratorId: fake.credentials.integratorId,
        sandbox: true,
      }),
    });
    const window = {
      from: '2026-12-01T08:00:00.000Z',
      to: '2026-12-01T20:00:00.000Z',
      fromDate: '2026-12-01',
      toDate: '2026-12-01',
      stationId: 'C1',
    };
    const day = await createPayTraceDayTotals({ client }).read(window);
    expect(day).toEqual({
      scope: 'station',
      period: { from: window.from, to: window.to },
      figures: [
        { currency: 'USD', terminalId: 'paytrace-card', measure: 'net', count: 1, minor: 2_000 - 3_000 },
        { currency: 'USD', terminalId: 'paytrace-ach', measure: 'net', count: 1, minor: 5_000 },
      ],
    });
    const range = fake.seen.filter((r) => r.path.endsWith('/export/by_date_range'));
    expect(range.map((r) => r.body)).toEqual([
      expect.objectContaining({ start_date: '12/01/2026', end_date: '12/01/2026' }),
      expect.objectContaining({ start_date: '12/01/2026', end_date: '12/01/2026' }),
    ]);
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/export/by_id').map((r) => r.body)).toEqual([
      expect.objectContaining({ transaction_id: yesterday }),
    ]);
    // Reads only: nothing that moves money was sent.
    expect(fake.seen.filter((r) => /sale|refund|void/.test(r.path))).toEqual([]);
    expect(wireProblems(fake.seen)).toEqual([]);
  });
});

describe('PayTrace: the day window in Pacific daylight time (summer)', () => {
  it('asks for the PDT dates and counts by PDT times: 00:30 PDT is the new day, 23:59 PDT the day before', async () => {
    let now = new Date('2026-07-01T06:59:00.000Z'); // 30 June, 23:59 PDT
    const fake = await startPayTraceFake({ now: () => now });
    cleanups.push(fake.close);
    const sale = (amountMinor: number) =>
      fake.ledger.sale('card', { customerId: 'KASSA-US-1002', description: '', amountMinor, invoiceId: ref('C1') });
    sale(1_100);
    now = new Date('2026-07-01T07:30:00.000Z'); // 1 July, 00:30 PDT
    sale(2_500);
    // The fake prints PayTrace's times in PDT in summer (UTC−7), as the adapter reads them.
    expect(usDateTime(now)).toBe('07/01/2026 00:30:00');

    const client = createPayTraceClient({
      config: () => ({
        apiUrl: fake.url,
        username: fake.credentials.username,
        password: fake.credentials.password,
        integratorId: fake.credentials.integratorId,
        sandbox: true,
      }),
    });
    // The shop's day: 1 July 00:15 PDT to 23:30 PDT.
    const window = {
      from: '2026-07-01T07:15:00.000Z',
      to: '2026-07-02T06:30:00.000Z',
      fromDate: '2026-07-01',
      toDate: '2026-07-01',
      stationId: 'C1',
    };
    const day = await createPayTraceDayTotals({ client }).read(window);
    expect(day.figures[0]).toEqual({
      currency: 'USD',
      terminalId: 'paytrace-card',
      measure: 'net',
      count: 1,
      minor: 2_500,
    });
    const range = fake.seen.filter((r) => r.path.endsWith('/export/by_date_range'));
    expect(range.map((r) => r.body)).toEqual([
      expect.objectContaining({ start_date: '07/01/2026', end_date: '07/01/2026' }),
      expect.objectContaining({ start_date: '07/01/2026', end_date: '07/01/2026' }),
    ]);
    expect(wireProblems(fake.seen)).toEqual([]);
  });
});

describe('Pay.: Statistics:Management (UNCONFIRMED shape)', () => {
  it('reads the guide’s two-level example as major units, summed over every group, by digits not floats', () => {
    const guide = PayStatistics.parse({
      statistics: [
        {
          id: 'M-3421-2120',
          label: 'Classic Stores',
          data: [
            {
              id: '10',
              label: 'iDEAL',
              data: [{ volume: 258, costs: 3, transactions: 13, averagePaidAmount: 20, totalVolume: 258 }],
            },
            { id: '138', label: 'PayPal', data: [{ volume: 2, costs: 0, transactions: 1, totalVolume: 2 }] },
          ],
        },
      ],
    });
    expect(statisticsTotal(guide.statistics)).toEqual({ count: 14, minor: 26_000 });
    expect(centsOf(0.1 + 0.2)).toBe(30);
    expect(centsOf(12.3)).toBe(1_230);
    expect(centsOf(-4.05)).toBe(-405);
  });

  it('refuses an answer in another shape instead of guessing a figure', () => {
    expect(PayStatistics.safeParse({ statistics: [{ id: 'x', data: [{ amount: { value: 100 } }] }] }).success).toBe(
      false,
    );
    expect(PayStatistics.safeParse({ data: [] }).success).toBe(false);
  });
});
