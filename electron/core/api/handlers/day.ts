import { ApiError } from '../../../../shared/api/errors';
import type { Language } from '../../../../shared/i18n/translate';
import type { DayService } from '../../day/day-service';
import type { ZDocuments, ZReportJobsService } from '../../day/z-report-jobs';
import type { JobRow } from '../../jobs/job-repository';
import type { HandlerMap } from './handler-map';

export interface DayHandlerDeps {
  day: {
    service: DayService;
    documents: ZDocuments;
    jobs: ZReportJobsService;
    stationId: () => string;
  };
}

const toJobDto = ({ payload: _payload, updatedAt: _updatedAt, ...job }: JobRow) => job;

type DayMethod =
  | 'day.current'
  | 'day.xReport'
  | 'day.close'
  | 'day.open'
  | 'day.history'
  | 'day.zReport'
  | 'day.zPdf'
  | 'day.printZ'
  | 'day.emailZ'
  | 'day.zJobs'
  | 'day.askProviders';

/** End of day: X report, close with Z, open the next day, and the Z's documents. */
export function createDayHandlers(deps: DayHandlerDeps): HandlerMap<DayMethod> {
  const { day } = deps;
  const zLanguage = (language: string): Language => (language === 'nl' ? 'nl' : 'en');
  return {
    async 'day.current'() {
      return day.service.current();
    },
    async 'day.xReport'() {
      return day.service.xReport();
    },
    async 'day.close'({ override }) {
      const result = await day.service.closeAskingProviders(override);
      return { ...result, jobs: result.jobs.map(toJobDto) };
    },
    async 'day.open'() {
      return day.service.open();
    },
    async 'day.history'({ limit }) {
      return day.service.history(limit);
    },
    async 'day.zReport'({ number }) {
      return day.service.zReport(number);
    },
    async 'day.zPdf'({ number, language }) {
      day.service.zReport(number);
      const pdf = await day.documents.pdf(day.stationId(), number, zLanguage(language));
      return { fileName: `z-report-${day.stationId()}-${number}.pdf`, base64: pdf.toString('base64') };
    },
    async 'day.printZ'({ number }) {
      day.service.zReport(number);
      const job = day.jobs.print(day.stationId(), number);
      if (!job) throw new ApiError('printer_not_set_up', 'no report or receipt printer is set up');
      return toJobDto(job);
    },
    async 'day.emailZ'({ number, to }) {
      day.service.zReport(number);
      return toJobDto(day.jobs.email(day.stationId(), number, to));
    },
    async 'day.askProviders'() {
      return day.service.askProviders();
    },
    async 'day.zJobs'({ number }) {
      return day.jobs.forDay(day.stationId(), number).map(toJobDto);
    },
  };
}
