import { describe, expect, it } from 'vitest';
import { DayFigureUnavailable } from '../../electron/core/day/provider-day-totals';
import {
  centsOf,
  createPayNlDayTotals,
  PayStatistics,
  statisticsTotal,
} from '../../electron/core/payments/paynl/day-totals';
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
      currencies: ['USD'],
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

describe('PayTrace: a read the caller stopped waiting for', () => {
  it('stops its serial by_id calls once the signal aborts (the close’s timeout), instead of running on', async () => {
    let now = new Date('2026-11-30T18:00:00.000Z');
    const fake = await startPayTraceFake({ now: () => now });
    cleanups.push(fake.close);
    const customer = { customerId: 'KASSA-US-1002', description: '' };
    // Three sales of the day before, each refunded today: three refunds whose sale is not in the window.
    const earlier = [1, 2, 3].map((n) =>
      Number(
        fake.ledger.sale('card', { ...customer, amountMinor: n * 1_000, invoiceId: ref('C1') }).body.transaction_id,
      ),
    );
    fake.settleBatch();
    now = new Date('2026-12-01T18:00:00.000Z');
    for (const id of earlier) fake.ledger.refund('card', id, 500, `RF-${id}`);

    const stop = new AbortController();
    const real = createPayTraceClient({
      config: () => ({
        apiUrl: fake.url,
        username: fake.credentials.username,
        password: fake.credentials.password,
        integratorId: fake.credentials.integratorId,
        sandbox: true,
      }),
    });
    // The caller's timeout lands while the first by_id is being answered.
    const client: typeof real = {
      ...real,
      post: async (path, body, schema, effect, signal) => {
        const answer = await real.post(path, body, schema, effect, signal);
        if (path.endsWith('/export/by_id')) stop.abort();
        return answer;
      },
    };
    const window = {
      from: '2026-12-01T08:00:00.000Z',
      to: '2026-12-01T20:00:00.000Z',
      fromDate: '2026-12-01',
      toDate: '2026-12-01',
      stationId: 'C1',
      currencies: ['USD'],
    };
    await expect(createPayTraceDayTotals({ client }).read(window, stop.signal)).rejects.toBeDefined();
    expect(fake.seen.filter((r) => r.path === '/v1/transactions/export/by_id')).toHaveLength(1);
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
      currencies: ['USD'],
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
    expect(centsOf(12.3)).toBe(1_230);
    expect(centsOf(-4.05)).toBe(-405);
    expect(centsOf('258.00')).toBe(25_800);
  });

  it('refuses an amount that is not whole cents (12.345, 0.1 + 0.2, an exponent): not available, never rounded', () => {
    const refusal = (amount: number | string) => {
      try {
        centsOf(amount);
        return null;
      } catch (error) {
        return error instanceof DayFigureUnavailable ? error.code : String(error);
      }
    };
    expect(refusal(12.345)).toBe('amount_not_exact');
    expect(refusal(0.1 + 0.2)).toBe('amount_not_exact');
    expect(refusal(1e21)).toBe('amount_not_exact');
    expect(refusal('1e3')).toBe('amount_not_exact');
    expect(refusal(Number.NaN)).toBe('amount_not_exact');
    expect(refusal(12.3)).toBeNull();
  });

  it('gives no euro figure beside Kassa’s Pay. money in another currency, nor from an answer naming another one', async () => {
    const source = createPayNlDayTotals({ config: () => null });
    const window = {
      from: '2026-12-01T08:00:00.000Z',
      to: '2026-12-01T20:00:00.000Z',
      fromDate: '2026-12-01',
      toDate: '2026-12-01',
      stationId: 'C1',
    };
    await expect(source.read({ ...window, currencies: ['EUR', 'GBP'] })).rejects.toMatchObject({
      code: 'currency_unknown',
    });
    await expect(source.read({ ...window, currencies: ['EUR'] })).rejects.toMatchObject({ code: 'not_configured' });
    const inDollars = PayStatistics.parse({
      statistics: [{ id: '10', currency: 'USD', data: [{ volume: 2, transactions: 1 }] }],
    });
    expect(() => statisticsTotal(inDollars.statistics)).toThrow(DayFigureUnavailable);
    const metricInPounds = PayStatistics.parse({
      statistics: [{ id: '10', data: [{ volume: 2, transactions: 1, currency: 'GBP' }] }],
    });
    expect(() => statisticsTotal(metricInPounds.statistics)).toThrow(/GBP/);
    const inEuros = PayStatistics.parse({
      statistics: [{ id: '10', currency: 'EUR', data: [{ volume: 2, transactions: 1, currency: 'EUR' }] }],
    });
    expect(statisticsTotal(inEuros.statistics)).toEqual({ count: 1, minor: 200 });
  });

  it('refuses an answer in another shape instead of guessing a figure', () => {
    expect(PayStatistics.safeParse({ statistics: [{ id: 'x', data: [{ amount: { value: 100 } }] }] }).success).toBe(
      false,
    );
    expect(PayStatistics.safeParse({ data: [] }).success).toBe(false);
  });
});
