import { z } from 'zod';
import type { DayReport } from '../../../shared/api/day-schemas';
import { DayReport as DayReportSchema } from '../../../shared/api/day-schemas';
import { PrintPageSize } from '../../../shared/host/print-protocol';
import type { Language } from '../../../shared/i18n/translate';
import { translate } from '../../../shared/i18n/translate';
import { sendOverSmtp } from '../email/smtp-send';
import type { SmtpConfig } from '../email/smtp-settings';
import type { JobRepository, JobRow } from '../jobs/job-repository';
import type { AttemptOutcome, Channel } from '../jobs/job-runner';
import type { HostPrinter } from '../printing/host-printer';
import type { PrinterConfig } from '../printing/printer-settings';
import { printPdfWithLp } from '../printing/system-printer';
import { printOverTcp } from '../printing/tcp-printer';
import type { SettingsRepository } from '../repositories/settings';
import type { DayRepository } from './day-repository';
import { type Company, renderZReportPdf } from './z-report-pdf';
import { thermalZReport } from './z-report-thermal';

/** Where the Z goes by e-mail after every close (the manager's address), when set. */
export const Z_EMAIL_SETTING = 'day.reportEmail';
const Lang = z.enum(['nl', 'en']);

export const ZPrintPayload = z.object({
  type: z.literal('z_report'),
  stationId: z.string(),
  number: z.number().int().positive(),
  language: Lang,
  width: z.union([z.literal(80), z.literal(58)]),
  codePage: z.enum(['cp858', 'cp1252']),
  pageSize: PrintPageSize.optional(),
  silent: z.boolean().optional(),
});
export const ZEmailPayload = z.object({
  type: z.literal('z_report'),
  stationId: z.string(),
  number: z.number().int().positive(),
  to: z.string(),
  language: Lang,
});

const isZ = (job: JobRow) => (JSON.parse(job.payload) as { type?: string }).type === 'z_report';

/** The stored Z, rendered: from the snapshot only, so a reprint is the same report. */
export function createZDocuments(deps: { days: DayRepository; settings: SettingsRepository }) {
  const company = (): Company => ({
    name: deps.settings.get('company.name') ?? 'Kassa',
    address: deps.settings.get('company.address') ?? '',
    vat: deps.settings.get('company.vat') ?? '',
    ...(deps.settings.get('company.kvk') ? { kvk: deps.settings.get('company.kvk') ?? '' } : {}),
  });
  function report(stationId: string, number: number): DayReport {
    const row = deps.days.get(stationId, number);
    if (!row?.snapshot) throw new Error(`no Z report ${number} of ${stationId}`);
    return DayReportSchema.parse(JSON.parse(row.snapshot));
  }
  return {
    company,
    report,
    pdf: (stationId: string, number: number, language: Language) =>
      renderZReportPdf({ report: report(stationId, number), company: company(), language }),
  };
}
export type ZDocuments = ReturnType<typeof createZDocuments>;

/**
 * Z jobs ride the existing print and e-mail channels: the wrapper takes the jobs whose payload is a
 * Z report and hands every other job to the channel unchanged (same crash rules: `uncertain`).
 */
export function withZReports(channel: Channel, attemptZ: (job: JobRow) => Promise<AttemptOutcome>): Channel {
  return { afterCrash: channel.afterCrash, attempt: (job) => (isZ(job) ? attemptZ(job) : channel.attempt(job)) };
}

export function zPrintAttempt(deps: { documents: ZDocuments; lpCommand?: string; hostPrinter?: HostPrinter | null }) {
  return async (job: JobRow): Promise<AttemptOutcome> => {
    const payload = ZPrintPayload.parse(JSON.parse(job.payload));
    let report: DayReport;
    try {
      report = deps.documents.report(payload.stationId, payload.number);
    } catch (error) {
      return { result: 'failed', error: `Z report not available: ${String(error)}` };
    }
    if (job.target.startsWith('tcp://')) {
      const shopName = deps.documents.company().name;
      return printOverTcp(job.target, thermalZReport(report, { ...payload, shopName }));
    }
    const pdf = await deps.documents.pdf(payload.stationId, payload.number, payload.language);
    if (job.target.startsWith('electron:')) {
      if (!deps.hostPrinter) return { result: 'failed', error: 'electron: printers print only in the desktop app' };
      return deps.hostPrinter.print({
        pdfBase64: pdf.toString('base64'),
        printer: job.target.slice('electron:'.length),
        pageSize: payload.pageSize ?? 'A4',
        silent: payload.silent ?? true,
        copies: 1,
      });
    }
    if (job.target.startsWith('system:')) {
      const title = `z-report-${payload.stationId}-${payload.number}`;
      return printPdfWithLp(job.target.slice('system:'.length), pdf, { title, lpCommand: deps.lpCommand });
    }
    return { result: 'failed', error: `printer not supported here: ${job.target}` };
  };
}

export function zEmailAttempt(deps: { documents: ZDocuments; smtp: () => SmtpConfig | null }) {
  return async (job: JobRow): Promise<AttemptOutcome> => {
    const config = deps.smtp();
    if (!config) return { result: 'retry', error: 'no mail server is set up' };
    const payload = ZEmailPayload.parse(JSON.parse(job.payload));
    let pdf: Buffer;
    try {
      pdf = await deps.documents.pdf(payload.stationId, payload.number, payload.language);
    } catch (error) {
      return { result: 'failed', error: `Z report not available: ${String(error)}` };
    }
    const title = translate(payload.language, 'day.pdf.title', { number: payload.number });
    const shop = deps.documents.company().name;
    return sendOverSmtp(config, {
      to: payload.to,
      messageId: job.messageId,
      date: new Date(job.createdAt),
      language: payload.language,
      subject: `${title} – ${payload.stationId} – ${shop}`,
      text: `${title}, ${payload.stationId}.\n\n${shop}\n`,
      attachments: [
        {
          filename: `z-report-${payload.stationId}-${payload.number}.pdf`,
          content: pdf,
          contentType: 'application/pdf',
        },
      ],
    });
  };
}

/** Queues the Z's print and e-mail jobs (documentId `Z-<station>-<number>`, so the screen lists them). */
export function createZReportJobs(deps: {
  jobs: JobRepository;
  printer: () => PrinterConfig | null;
  settings: SettingsRepository;
  language: () => Language;
  requestedBy: () => string;
  now: () => string;
  wake: () => void;
}) {
  const documentId = (stationId: string, number: number) => `Z-${stationId}-${number}`;
  function print(stationId: string, number: number): JobRow | null {
    const printer = deps.printer();
    if (!printer) return null;
    const electron = printer.uri.startsWith('electron:')
      ? { pageSize: printer.pageSize ?? 'A4', silent: printer.silent ?? true }
      : {};
    const payload = {
      type: 'z_report',
      stationId,
      number,
      language: deps.language(),
      width: printer.width,
      codePage: printer.codePage,
      ...electron,
    } as const;
    const target = printer.uri;
    return deps.jobs.enqueue(
      {
        kind: 'print',
        purpose: 'z-report',
        documentId: documentId(stationId, number),
        target,
        payload,
        requestedBy: deps.requestedBy(),
      },
      deps.now(),
    );
  }
  function email(stationId: string, number: number, to: string): JobRow {
    const payload = { type: 'z_report', stationId, number, to, language: deps.language() } as const;
    return deps.jobs.enqueue(
      {
        kind: 'email',
        purpose: 'z-report',
        documentId: documentId(stationId, number),
        target: to,
        payload,
        requestedBy: deps.requestedBy(),
      },
      deps.now(),
    );
  }
  return {
    /** Inside the close's transaction: printed when a printer is set up, e-mailed when an address is set. */
    queueAtClose(stationId: string, number: number): JobRow[] {
      const to = deps.settings.get(Z_EMAIL_SETTING);
      return [print(stationId, number), to ? email(stationId, number, to) : null].filter(
        (j): j is JobRow => j !== null,
      );
    },
    print(stationId: string, number: number): JobRow | null {
      const job = print(stationId, number);
      deps.wake();
      return job;
    },
    /** A manager's e-mail of a Z; the address is kept for the next closes. */
    email(stationId: string, number: number, to: string): JobRow {
      deps.settings.set(Z_EMAIL_SETTING, to);
      const job = email(stationId, number, to);
      deps.wake();
      return job;
    },
    forDay: (stationId: string, number: number) => deps.jobs.forDocument(documentId(stationId, number)),
    wake: deps.wake,
  };
}
export type ZReportJobsService = ReturnType<typeof createZReportJobs>;
