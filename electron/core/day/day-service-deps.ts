/** What the day service is built from; apart so the provider check can share it without a cycle. */
import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import type { JobRow } from '../jobs/job-repository';
import type { OutboxRepository } from '../repositories/outbox';
import type { DayTotalsProvider, RawAnswer } from './ask-providers';
import type { ReportSources } from './day-report';
import type { DayRepository } from './day-repository';

/** What the providers said for the period ending at `at`, for the close of day `number`. */
export interface Asked {
  readonly number: number;
  readonly at: string;
  readonly answers: RawAnswer[];
  readonly askedAt: string;
}

/** The Z report's print and e-mail jobs (z-report-jobs.ts); absent: the Z is only stored and sent. */
export interface ZReportJobs {
  /** Called inside the close's transaction: the jobs commit with the Z. */
  queueAtClose(stationId: string, number: number): JobRow[];
  wake(): void;
}

export interface DayServiceDeps extends ReportSources {
  db: Db;
  days: DayRepository;
  outbox: OutboxRepository;
  clock: Clock;
  stationId: () => string;
  audit?: AuditAppend;
  zJobs?: ZReportJobs;
  /** The Z record is waiting for the back-office: deliver it now. */
  wakeSync?: () => void;
  onChange?: () => void;
  /** The providers' own figures for the day (ask-providers.ts); absent: every provider is "not offered". */
  providerTotals?: { sources: () => readonly DayTotalsProvider[]; timeoutMs?: number };
  log?: (message: string, error?: unknown) => void;
}
