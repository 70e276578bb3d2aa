import type { DayCurrent, DayDto, DayReport } from '../../../shared/api/day-schemas';
import { DayReport as DayReportSchema } from '../../../shared/api/day-schemas';
import { ApiError } from '../../../shared/api/errors';
import type { BoDayCloseRecord } from '../../../shared/backoffice/schemas';
import { localDate } from '../clock';
import { currentActing } from '../people/acting';
import { compareWithKassa } from './ask-providers';
import { createDayProviderCheck } from './day-provider-check';
import { buildReport } from './day-report';
import type { DayRow } from './day-repository';
import type { Asked, DayServiceDeps } from './day-service-deps';

export type { Asked, DayServiceDeps, ZReportJobs } from './day-service-deps';

/** Outbox kind of a Z report for the back-office (POST /v1/day-closes). */
export const DAY_CLOSED_KIND = 'day.closed';

/**
 * Business days per station. A day is opened by a manager (`day.open`) or automatically by the first
 * payment when none is open and the last one was closed on an earlier calendar day (or there never
 * was one): a shop that closes at night simply starts the next morning. After a close, the same
 * calendar day takes no new payment until a manager opens the next day. Closing takes the Z
 * snapshot, queues its print/e-mail jobs and the back-office record, and audits, all in one
 * transaction; it is refused while anything is open or undelivered unless a manager overrides it.
 *
 * Before that transaction the close asks the providers used in the period for their own figures
 * (a few seconds at most: a provider that does not answer in time is stored as "no answer" and the
 * close goes on). The Z's period ends when they were asked, so they and Kassa count the same window.
 */
export function createDayService(deps: DayServiceDeps) {
  const { db, days, outbox, clock } = deps;
  const who = () => currentActing().actor?.name ?? `station ${deps.stationId()}`;
  const snapshotOf = (row: DayRow): DayReport | null =>
    row.snapshot ? DayReportSchema.parse(JSON.parse(row.snapshot)) : null;

  function toDto(row: DayRow): DayDto {
    const snapshot = snapshotOf(row);
    return {
      stationId: row.stationId,
      number: row.number,
      state: row.state,
      periodStart: row.periodStart,
      openedAt: row.openedAt,
      openedBy: row.openedBy,
      closedAt: row.closedAt,
      closedBy: row.closedBy,
      overrideNote: row.overrideNote,
      net: snapshot?.currencies.map((c) => ({ currency: c.currency, minor: c.netMinor })) ?? [],
    };
  }

  function openDay(openedBy: string, how: 'manager' | 'automatic'): DayRow {
    const stationId = deps.stationId();
    const last = days.latest(stationId);
    if (last?.state === 'open')
      throw new ApiError('day_already_open', 'a day is already open', { number: last.number });
    const at = clock.now().toISOString();
    const number = (last?.number ?? 0) + 1;
    days.insert({ stationId, number, periodStart: last?.closedAt ?? at, openedAt: at, openedBy });
    deps.audit?.({
      action: 'day.open',
      subject: { kind: 'business_day', id: `${stationId}-${number}` },
      after: { number, how },
    });
    const row = days.get(stationId, number);
    if (!row) throw new Error('business day missing after insert');
    return row;
  }

  /** Whether a payment may start now; opens the day by itself when the rules above allow it. */
  const admitPayment = db.transaction((): boolean => {
    const last = days.latest(deps.stationId());
    if (last?.state === 'open') return true;
    if (last?.closedAt && localDate(new Date(last.closedAt)) >= localDate(clock.now())) return false;
    openDay(who(), 'automatic');
    return true;
  });

  function openRow(): DayRow {
    const row = days.latest(deps.stationId());
    if (row?.state !== 'open') throw new ApiError('day_not_open', 'no day is open at this station');
    return row;
  }

  function record(report: DayReport): BoDayCloseRecord {
    return {
      stationId: report.stationId,
      number: report.number,
      periodStart: report.periodStart,
      openedAt: report.openedAt,
      closedAt: report.closedAt ?? report.generatedAt,
      closedBy: report.closedBy ?? '',
      overrideNote: report.overrideNote,
      currencies: report.currencies.map((c) => ({
        currency: c.currency,
        tenders: c.tenders.map(({ provider, method, terminalId, payments, refunds, voids, netMinor }) => ({
          provider,
          method,
          terminalId,
          payments,
          refunds,
          voids,
          netMinor,
        })),
        netMinor: c.netMinor,
      })),
      openPayments: report.open.payments.length,
      outboxWaiting: report.outboxWaiting,
    };
  }

  function refuseIfBlocked(preview: DayReport, override: { note: string } | undefined): void {
    if (preview.blockers.length === 0 || override) return;
    throw new ApiError('day_close_blocked', 'the day cannot be closed yet', {
      blockers: preview.blockers.join(','),
      openPayments: preview.open.payments.length,
      openRefunds: preview.open.refunds,
      openVoids: preview.open.voids,
      outboxWaiting: preview.outboxWaiting,
    });
  }

  const close = db.transaction((override: { note: string } | undefined, asked: Asked | null) => {
    const day = openRow();
    // Another close finished while the providers were asked: this one has nothing left to close.
    if (asked && day.number !== asked.number) throw new ApiError('day_not_open', 'no day is open at this station');
    const at = asked?.at ?? clock.now().toISOString();
    const closedBy = who();
    const preview = buildReport(deps, 'Z', day, at, { closedBy, overrideNote: null });
    refuseIfBlocked(preview, override);
    const providerCheck = asked
      ? compareWithKassa({
          answers: asked.answers,
          currencies: preview.currencies,
          terminalName: deps.terminalName,
          askedAt: asked.askedAt,
          window: { from: day.periodStart, to: at },
        })
      : null;
    const report: DayReport = { ...preview, overrideNote: override?.note ?? null, providerCheck };
    days.close({
      stationId: day.stationId,
      number: day.number,
      closedAt: at,
      closedBy,
      overrideNote: report.overrideNote,
      snapshot: JSON.stringify(report),
    });
    outbox.enqueue(
      {
        kind: DAY_CLOSED_KIND,
        aggregateId: `${day.stationId}-Z${day.number}`,
        idempotencyKey: `day-close:${day.stationId}:${day.number}`,
        payload: record(report),
      },
      at,
    );
    const subject = { kind: 'business_day', id: `${day.stationId}-${day.number}` };
    const totals = report.currencies.map((c) => ({ currency: c.currency, netMinor: c.netMinor }));
    deps.audit?.({ action: 'day.close', subject, before: { state: 'open' }, after: { state: 'closed', totals } });
    if (override && preview.blockers.length > 0) {
      deps.audit?.({
        action: 'day.close_override',
        subject,
        before: { blockers: preview.blockers, openPayments: preview.open.payments.length },
        after: { state: 'closed' },
        note: override.note,
      });
    }
    const jobs = deps.zJobs?.queueAtClose(day.stationId, day.number) ?? [];
    const row = days.get(day.stationId, day.number);
    if (!row) throw new Error('business day vanished');
    return { day: toDto(row), report, jobs };
  });

  function closeNow(override: { note: string } | undefined, asked: Asked | null) {
    const result = close.immediate(override, asked);
    deps.zJobs?.wake();
    deps.wakeSync?.();
    deps.onChange?.();
    return result;
  }

  const providerCheck = createDayProviderCheck({ deps, openRow, who, refuseIfBlocked, closeNow });

  function closedRow(number: number): DayRow {
    const row = days.get(deps.stationId(), number);
    if (!row?.snapshot) throw new ApiError('not_found', 'no Z report with this number', { number });
    return row;
  }

  return {
    current(): DayCurrent {
      const last = days.latest(deps.stationId());
      const mayTakePayments =
        !last ||
        last.state === 'open' ||
        (last.closedAt !== null && localDate(new Date(last.closedAt)) < localDate(clock.now()));
      return { day: last ? toDto(last) : null, mayTakePayments };
    },
    admitPayment: (): boolean => admitPayment.immediate(),
    xReport(): DayReport {
      return buildReport(deps, 'X', openRow(), clock.now().toISOString());
    },
    ...providerCheck,
    /** Closes now with what the providers said (`asked`), or without asking them (providerCheck null). */
    close: (override?: { note: string }, asked?: Asked) => closeNow(override, asked ?? null),

    open(): DayDto {
      const row = db.transaction(() => openDay(who(), 'manager')).immediate();
      deps.onChange?.();
      return toDto(row);
    },
    history: (limit: number): DayDto[] => days.history(deps.stationId(), limit).map(toDto),
    zReport(number: number): DayReport {
      const report = snapshotOf(closedRow(number));
      if (!report) throw new ApiError('not_found', 'no Z report with this number', { number });
      return report;
    },
  };
}

export type DayService = ReturnType<typeof createDayService>;
