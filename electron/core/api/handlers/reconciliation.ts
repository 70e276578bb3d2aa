import { ApiError } from '../../../../shared/api/errors';
import type { Clock } from '../../clock';
import type { Reconciliation } from '../../reconciliation/reconciliation-service';
import type { SettlementReport } from '../../reconciliation/report';
import { reportCsv } from '../../reconciliation/report-csv';
import { type ReportCompany, renderReportPdf } from '../../reconciliation/report-pdf';
import { isTimeZone } from '../../reconciliation/shop-day';
import type { HandlerMap } from './handler-map';

type Methods =
  | 'reconciliation.status'
  | 'reconciliation.importNow'
  | 'reconciliation.exceptions'
  | 'reconciliation.resolve'
  | 'reconciliation.report'
  | 'reconciliation.payouts'
  | 'reconciliation.exportCsv'
  | 'reconciliation.exportPdf'
  | 'reconciliation.expectations'
  | 'reconciliation.configure'
  | 'reconciliation.timeZone'
  | 'reconciliation.setTimeZone';

export interface ReconciliationHandlerDeps {
  reconciliation: Reconciliation;
  clock: Clock;
  company: () => ReportCompany;
}

/** Issue 16's API: import status and "import now", the exceptions list and its resolution, reports and exports. */
export function createReconciliationHandlers(deps: ReconciliationHandlerDeps): HandlerMap<Methods> {
  const recon = () => deps.reconciliation;
  const reportOf = (input: { day: string } | { payoutId: string }): SettlementReport =>
    'day' in input ? recon().reports.day(input.day) : recon().reports.payout(input.payoutId);
  const fileName = (report: SettlementReport, ext: string) =>
    `settlement-${report.kind}-${report.key.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;
  const dto = ({ settlementRowId: _row, ...exception }: ReturnType<Reconciliation['exceptions']['list']>[number]) =>
    exception;

  return {
    async 'reconciliation.status'() {
      return { ...recon().status(), openExceptions: recon().exceptions.openCount() };
    },
    async 'reconciliation.importNow'() {
      const run = await recon().run();
      return { ...run, accounts: [...run.accounts] };
    },
    async 'reconciliation.exceptions'(input) {
      return recon().exceptions.list(input).map(dto);
    },
    async 'reconciliation.resolve'({ id, note }) {
      const resolved = recon().exceptions.resolve(id, note, deps.clock.now());
      if (!resolved) throw new ApiError('not_found', 'no such reconciliation exception', { id });
      return dto(resolved);
    },
    async 'reconciliation.report'(input) {
      const r = reportOf(input);
      return { ...r, lines: [...r.lines], payouts: [...r.payouts], totals: [...r.totals], rows: [...r.rows] };
    },
    async 'reconciliation.payouts'({ from, to }) {
      return recon().reports.payouts(from, to);
    },
    async 'reconciliation.exportCsv'(input) {
      const report = reportOf(input);
      return { fileName: fileName(report, 'csv'), base64: Buffer.from(reportCsv(report), 'utf8').toString('base64') };
    },
    async 'reconciliation.expectations'() {
      return recon().expectations();
    },
    async 'reconciliation.configure'({ provider, settleDays, maxFeeBps }) {
      if (
        !recon()
          .expectations()
          .some((e) => e.provider === provider)
      ) {
        throw new ApiError('not_found', 'this provider is not configured for settlement data', { provider });
      }
      return recon().configure(provider, { settleDays, maxFeeBps });
    },
    async 'reconciliation.timeZone'() {
      return recon().timeZone();
    },
    async 'reconciliation.setTimeZone'({ timeZone }) {
      if (timeZone !== null && !isTimeZone(timeZone)) {
        throw new ApiError('invalid_request', 'not a time zone this computer knows', { field: 'timeZone' });
      }
      return recon().setTimeZone(timeZone);
    },
    async 'reconciliation.exportPdf'(input) {
      const report = reportOf(input);
      const pdf = await renderReportPdf({
        report,
        company: deps.company(),
        language: input.language,
        // Dated by the report's own key: the same day's report renders to the same bytes.
        issuedAt: `${'day' in input ? input.day : '2000-01-01'}T00:00:00.000Z`,
      });
      return { fileName: fileName(report, 'pdf'), base64: pdf.toString('base64') };
    },
  };
}
