import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DayReportView } from '../../../renderer/src/features/day/DayReportView';
import { DayView } from '../../../renderer/src/features/day/DayView';
import type { DayDto, DayReport, ProviderCheck, TenderTotals } from '../../../shared/api/day-schemas';
import { renderWithCore, speak } from './render';

const AT = '2026-12-01T17:00:00.000Z';

function tender(
  provider: string,
  terminalId: string,
  terminalName: string,
  netMinor: number,
  reported: TenderTotals['reported'],
): TenderTotals {
  return {
    key: `${provider}/x/${terminalId}`,
    provider,
    method: provider === 'vipps' ? 'mobile_request' : 'card_terminal',
    terminalId,
    terminalName,
    payments: { count: 2, minor: netMinor },
    refunds: { count: 0, minor: 0 },
    voids: { count: 0, minor: 0 },
    netMinor,
    reported,
  };
}

function aReport(kind: 'X' | 'Z', providerCheck: ProviderCheck | null): DayReport {
  const eur = [
    tender('paynl', 'TH-1000-0001', 'Pay.POS Toonbank 1', 1_250, 'offered'),
    tender('vipps', 'mobilepay', 'MobilePay', 800, 'not_offered'),
  ];
  const usd = [tender('paytrace', 'paytrace-card', 'PayTrace — card on file', 12_000, 'offered')];
  const totals = (tenders: TenderTotals[], currency: string) => {
    const minor = tenders.reduce((n, t) => n + t.netMinor, 0);
    return {
      currency,
      tenders,
      payments: { count: tenders.length * 2, minor },
      refunds: { count: 0, minor: 0 },
      voids: { count: 0, minor: 0 },
      netMinor: minor,
    };
  };
  return {
    kind,
    stationId: 'C1',
    number: 4,
    periodStart: '2026-12-01T07:00:00.000Z',
    openedAt: '2026-12-01T07:00:00.000Z',
    openedBy: 'Test Manager',
    closedAt: kind === 'Z' ? AT : null,
    closedBy: kind === 'Z' ? 'Test Manager' : null,
    overrideNote: null,
    generatedAt: AT,
    currencies: [totals(eur, 'EUR'), totals(usd, 'USD')],
    held: [],
    open: { payments: [], refunds: 0, voids: 0 },
    outboxWaiting: 0,
    blockers: [],
    providerCheck,
  };
}

const ASKED: ProviderCheck = {
  askedAt: AT,
  window: { from: '2026-12-01T07:00:00.000Z', to: AT },
  answers: [
    {
      provider: 'paynl',
      state: 'reported',
      reason: null,
      scope: 'account',
      period: { from: '2026-12-01', to: '2026-12-01' },
      figures: [
        {
          currency: 'EUR',
          terminalId: null,
          label: 'paynl',
          measure: 'sales',
          expected: { count: 2, minor: 1_250 },
          reportedCount: 2,
          reportedMinor: 1_250,
          differenceMinor: 0,
        },
      ],
    },
    {
      provider: 'paytrace',
      state: 'reported',
      reason: null,
      scope: 'station',
      period: { from: '2026-12-01T07:00:00.000Z', to: AT },
      figures: [
        {
          currency: 'USD',
          terminalId: 'paytrace-card',
          label: 'PayTrace — card on file',
          measure: 'net',
          expected: { count: 2, minor: 12_000 },
          reportedCount: 3,
          reportedMinor: 14_500,
          differenceMinor: 2_500,
        },
      ],
    },
    { provider: 'vipps', state: 'not_offered', reason: null, scope: null, period: null, figures: [] },
  ],
};

const openDay: DayDto = {
  stationId: 'C1',
  number: 4,
  state: 'open',
  periodStart: '2026-12-01T07:00:00.000Z',
  openedAt: '2026-12-01T07:00:00.000Z',
  openedBy: 'Test Manager',
  closedAt: null,
  closedBy: null,
  overrideNote: null,
  net: [],
};

describe('Day report: what the providers report, beside what Kassa expects', () => {
  it('the live X asks nobody; "Ask the providers" fetches their figures and highlights a difference', async () => {
    const { user, calls } = renderWithCore(<DayView />, {
      'day.current': { day: openDay, mayTakePayments: true },
      'day.xReport': aReport('X', null),
      'day.history': [],
      'day.askProviders': aReport('X', ASKED),
    });
    const usd = await screen.findByRole('table', { name: 'Currency USD' });
    expect(within(usd).getByText('not asked yet')).toBeTruthy();
    expect(calls.some((c) => c.method === 'day.askProviders')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Ask the providers' }));
    const paytrace = await screen.findByTestId('reported-paytrace-paytrace-card-USD');
    expect(paytrace.textContent).toBe('Kassa expects $120.00 — paytrace reports $145.00, difference +$25.00');
    expect(paytrace.className).toBe('day-differs');
    expect(calls.filter((c) => c.method === 'day.askProviders')).toHaveLength(1);

    const eur = screen.getByRole('table', { name: 'Currency EUR' });
    // Pay. counts the whole account: its figure is a row of its own, the terminal points to it.
    expect(within(eur).getByText('in the paynl total below')).toBeTruthy();
    expect(
      within(eur).getByText('paynl (whole account, calendar days 2026-12-01 to 2026-12-01, sales only)'),
    ).toBeTruthy();
    const paynl = screen.getByTestId('reported-paynl-all-EUR');
    expect(paynl.className).toBe('day-agrees');
    expect(paynl.textContent).not.toContain('difference');
    const vippsRow = within(eur).getByText('MobilePay').closest('tr');
    expect(vippsRow?.textContent).toContain('not offered');
  });

  it('a Z shows what was stored at the close: no answer, not available with its reason, in Dutch too', () => {
    speak('nl');
    const check: ProviderCheck = {
      ...ASKED,
      answers: [
        { provider: 'paynl', state: 'not_available', reason: 'http_403', scope: null, period: null, figures: [] },
        { provider: 'paytrace', state: 'no_answer', reason: 'timeout', scope: null, period: null, figures: [] },
      ],
    };
    renderWithCore(<DayReportView report={aReport('Z', check)} />);
    const eur = screen.getByRole('table', { name: 'Valuta EUR' });
    expect(within(eur).getByText('Pay.POS Toonbank 1').closest('tr')?.textContent).toContain(
      'niet beschikbaar (http_403)',
    );
    const usd = screen.getByRole('table', { name: 'Valuta USD' });
    expect(within(usd).getByText('PayTrace — card on file').closest('tr')?.textContent).toContain('geen antwoord');
    speak('en');
  });
});
