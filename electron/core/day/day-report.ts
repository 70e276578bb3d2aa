import type { DayBlocker, DayReport } from '../../../shared/api/day-schemas';
import type { OutboxRepository } from '../repositories/outbox';
import type { PaymentRepository } from '../repositories/payments';
import type { RefundRepository } from '../repositories/refunds';
import type { VoidRepository } from '../repositories/voids';
import type { DayRow } from './day-repository';
import type { DayRows } from './day-rows';
import { dayTotals } from './day-totals';

export interface ReportSources {
  rows: DayRows;
  payments: PaymentRepository;
  refunds: RefundRepository;
  voids: VoidRepository;
  outbox: OutboxRepository;
  terminalName: (terminalId: string) => string;
  /** Whether a provider can tell its own figure for the day (its instance has `dayTotals`). */
  offersDayTotals?: (provider: string) => boolean;
}

/**
 * An X (the day so far) or Z (the day as closed) report. What is still open or waiting is counted
 * whatever its day: it is what stops a close, wherever it started.
 */
export function buildReport(
  sources: ReportSources,
  kind: 'X' | 'Z',
  day: Pick<DayRow, 'stationId' | 'number' | 'periodStart' | 'openedAt' | 'openedBy'>,
  at: string,
  closing: { closedBy: string; overrideNote: string | null } | null = null,
): DayReport {
  const { rows, payments, refunds, voids, outbox } = sources;
  const openPayments = payments.open().map((p) => ({
    id: p.id,
    reference: p.reference,
    status: p.status,
    amount: { minor: p.amountMinor, currency: p.currency },
    terminalName: sources.terminalName(p.terminalId),
    createdAt: p.createdAt,
  }));
  const openRefunds = refunds.open().length;
  const openVoids = voids.open().length;
  const outboxWaiting = outbox.depth();
  const blockers: DayBlocker[] = [];
  if (openPayments.length > 0) blockers.push('open_payments');
  if (openRefunds > 0) blockers.push('open_refunds');
  if (openVoids > 0) blockers.push('open_voids');
  if (outboxWaiting > 0) blockers.push('outbox_waiting');
  return {
    kind,
    stationId: day.stationId,
    number: day.number,
    periodStart: day.periodStart,
    openedAt: day.openedAt,
    openedBy: day.openedBy,
    closedAt: closing ? at : null,
    closedBy: closing?.closedBy ?? null,
    overrideNote: closing?.overrideNote ?? null,
    generatedAt: at,
    currencies: dayTotals(rows.inPeriod(day.periodStart, closing ? at : null)).map((c) => ({
      ...c,
      tenders: c.tenders.map((t) => ({
        ...t,
        reported: sources.offersDayTotals?.(t.provider) ? ('offered' as const) : ('not_offered' as const),
      })),
    })),
    held: rows.held(),
    open: { payments: openPayments, refunds: openRefunds, voids: openVoids },
    outboxWaiting,
    blockers,
    providerCheck: null,
  };
}
