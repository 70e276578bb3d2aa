import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { DayTotalsProvider } from '../day/ask-providers';
import { createDayRepository } from '../day/day-repository';
import { createDayRows } from '../day/day-rows';
import { createDayService } from '../day/day-service';
import { createZDocuments, createZReportJobs } from '../day/z-report-jobs';
import type { Db } from '../db/open-database';
import type { PrintEmailService } from '../jobs/print-email-service';
import type { Repositories } from './open-repositories';

/** The Z documents come first: the print and e-mail channels render Z jobs from them. */
export function zDocumentsFor(db: Db, repos: Repositories) {
  return createZDocuments({ days: createDayRepository(db), settings: repos.settings });
}

/** End of day: business days, X/Z reports, and the Z's jobs and back-office record. */
export function wireDay(deps: {
  db: Db;
  repos: Repositories;
  clock: Clock;
  terminalName: (terminalId: string) => string;
  printEmail: PrintEmailService;
  documents: ReturnType<typeof zDocumentsFor>;
  wakeSync: () => void;
  audit?: AuditAppend;
  language?: () => 'nl' | 'en';
  /** The providers that can tell their own day figures, and how long a close waits for them. */
  dayTotalSources?: () => readonly DayTotalsProvider[];
  providerTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}) {
  const { db, repos, clock, printEmail } = deps;
  const stationId = () => repos.settings.get('counter.stationId') ?? 'C1';
  const jobs = createZReportJobs({
    jobs: printEmail.jobs,
    printer: () => printEmail.printers.get('report') ?? printEmail.printers.get('receipt'),
    settings: repos.settings,
    language: deps.language ?? (() => 'nl'),
    requestedBy: stationId,
    now: () => clock.now().toISOString(),
    wake: () => printEmail.runner.wake(),
  });
  const service = createDayService({
    db,
    days: createDayRepository(db),
    rows: createDayRows(db, deps.terminalName),
    payments: repos.payments,
    refunds: repos.refunds,
    voids: repos.voids,
    outbox: repos.outbox,
    terminalName: deps.terminalName,
    clock,
    stationId,
    audit: deps.audit,
    zJobs: jobs,
    wakeSync: deps.wakeSync,
    offersDayTotals: (provider) => (deps.dayTotalSources?.() ?? []).some((s) => s.provider === provider),
    providerTotals: deps.dayTotalSources
      ? { sources: deps.dayTotalSources, timeoutMs: deps.providerTimeoutMs }
      : undefined,
    log: deps.log,
  });
  return { service, documents: deps.documents, jobs, stationId };
}
