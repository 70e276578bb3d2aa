import { randomUUID } from 'node:crypto';
import type { FakeReply, SeenRequest } from '../fake-http';
import { CLIENT_ID, ckoId, ENTITY_ID, payoutId } from './checkout-fake-ids';
import type { FakePayout } from './checkout-fake-report-files';
import { actionsCsv, currencyOf, payoutsCsv } from './checkout-fake-report-files';
import type { FakeFinancialAction } from './checkout-fake-state';

/**
 * The fake's settlements: its own captured and refunded payments' financial actions paid out in
 * payouts, with the two reports Checkout.com makes of them (reference A.1.4): one "Financial Actions
 * by Payout ID" report per payout (CSV: one line per breakdown line, UNCONFIRMED column names as
 * Kassa reads them) and one "Payouts" report per payout day (a line per payout). Files are written
 * from the current state when downloaded, so a payout that grows changes its files and its reports'
 * `last_modified_on`.
 */
export type { FakePayout } from './checkout-fake-report-files';

interface FakeReport {
  readonly id: string;
  readonly type: 'FinancialActionsByPayoutId' | 'Payouts';
  readonly description: string;
  readonly createdOn: string;
  lastModifiedOn: string;
  readonly tags: string[];
  readonly from: string;
  readonly to: string;
  readonly fileId: string;
  readonly filename: string;
  /** The payout (by-payout report) or the payout day (Payouts report). */
  readonly subject: string;
}

export function createReportState(financial: () => FakeFinancialAction[]) {
  const payouts = new Map<string, FakePayout>();
  const reports: FakeReport[] = [];
  /** Download addresses handed out by the 302s: token → file id (a pre-signed address's stand-in). */
  const downloads = new Map<string, string>();
  const settled = new Set<string>();
  const renamed = new Map<string, string>();

  const stamp = (at?: string) => at ?? new Date().toISOString();
  const bump = (report: FakeReport, at?: string) => {
    const next = stamp(at);
    // Strictly later, also within one millisecond.
    report.lastModifiedOn =
      next > report.lastModifiedOn ? next : new Date(Date.parse(report.lastModifiedOn) + 1).toISOString();
  };

  function payoutsReport(date: string, at?: string): void {
    const existing = reports.find((r) => r.type === 'Payouts' && r.subject === date);
    if (existing) {
      bump(existing, at);
      return;
    }
    const compact = date.replaceAll('-', '');
    const created = stamp(at);
    reports.push({
      id: ckoId('rpt'),
      type: 'Payouts',
      description: 'Payouts Report',
      createdOn: created,
      lastModifiedOn: created,
      tags: [],
      from: `${date}T00:00:00Z`,
      to: `${date}T23:59:59Z`,
      fileId: ckoId('file'),
      filename: `payouts_${ENTITY_ID}_${compact}_${compact}_1.csv`,
      subject: date,
    });
  }

  return {
    payouts,
    reports,
    /**
     * Pays out every captured or refunded action not yet paid out (one payout per currency) on
     * `date` (default today), or adds them to the payout `into` (its files change).
     */
    settle(
      options: {
        date?: string;
        into?: string;
        createdOn?: string;
        /** When the Payouts report is made, if not with the by-payout report (a later one lists first). */
        payoutsReportOn?: string;
      } = {},
    ): FakePayout[] {
      const open = financial().filter((f) => !settled.has(String(f.body.action_id)));
      const made: FakePayout[] = [];
      for (const currency of new Set(open.map(currencyOf))) {
        const actions = open.filter((f) => currencyOf(f) === currency);
        for (const f of actions) settled.add(String(f.body.action_id));
        const into = options.into ? payouts.get(options.into) : undefined;
        if (into) {
          into.actions.push(...actions);
          const report = reports.find((r) => r.subject === into.id);
          if (report) bump(report, options.createdOn);
          payoutsReport(into.date, options.createdOn);
          made.push(into);
          continue;
        }
        const date = options.date ?? stamp(options.createdOn).slice(0, 10);
        const payout: FakePayout = { id: payoutId(), date, currency, actions };
        payouts.set(payout.id, payout);
        const days = actions.map((f) => String(f.body.processed_on).slice(0, 10)).sort();
        const created = stamp(options.createdOn);
        reports.push({
          id: ckoId('rpt'),
          type: 'FinancialActionsByPayoutId',
          description: 'Financial Actions by Payout ID',
          createdOn: created,
          lastModifiedOn: created,
          tags: [`payout_id:${payout.id}`],
          from: `${days[0] ?? date}T00:00:00Z`,
          to: `${days.at(-1) ?? date}T23:59:59Z`,
          fileId: ckoId('file'),
          filename: `financial-actions_${ENTITY_ID}_${date.replaceAll('-', '')}_${payout.id}_1.csv`,
          subject: payout.id,
        });
        payoutsReport(date, options.payoutsReportOn ?? options.createdOn);
        made.push(payout);
      }
      return made;
    },
    /** Column `from` is called `to` in the files from now on (null: back to the usual names). */
    renameColumn(from: string, to: string | null): void {
      if (to === null) renamed.delete(from);
      else renamed.set(from, to);
    },
    route(req: SeenRequest, url: URL, base: string): FakeReply | null {
      const parts = req.path.split('/').filter(Boolean);
      if (req.method !== 'GET') return null;
      if (parts[0] === 'report-files' && parts.length === 2) {
        const fileId = downloads.get(url.searchParams.get('token') ?? '');
        const report = reports.find((r) => r.fileId === fileId && fileId === parts[1]);
        if (!report) return { status: 403, contentType: 'text/plain', body: 'expired or unknown download address' };
        return { status: 200, contentType: 'text/csv; charset=utf-8', body: fileOf(report) };
      }
      if (parts[0] !== 'reports') return null;
      if (parts.length === 1) return list(url, base);
      const report = reports.find((r) => r.id === parts[1]);
      if (parts.length === 2) {
        return report ? { status: 200, body: reportBody(report, base) } : notFound('report_not_found');
      }
      if (parts.length === 4 && parts[2] === 'files') {
        if (!report || report.fileId !== parts[3]) return notFound('report_file_not_found');
        const token = randomUUID();
        downloads.set(token, report.fileId);
        return { status: 302, headers: { location: `${base}/report-files/${report.fileId}?token=${token}` } };
      }
      return null;
    },
  };

  function list(url: URL, base: string): FakeReply {
    const known = new Set(['created_after', 'created_before', 'entity_id', 'limit', 'pagination_token']);
    const unknown = [...url.searchParams.keys()].filter((k) => !known.has(k));
    if (unknown.length > 0) return invalid(...unknown.map((k) => `invalid_${k}`));
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('invalid_limit');
    const after = url.searchParams.get('created_after');
    const before = url.searchParams.get('created_before');
    if (after !== null && Number.isNaN(Date.parse(after))) return invalid('invalid_created_after');
    if (before !== null && Number.isNaN(Date.parse(before))) return invalid('invalid_created_before');
    const entity = url.searchParams.get('entity_id');
    if (entity !== null && !/^ent_\w{26}$/.test(entity)) return invalid('invalid_entity_id');
    const offset = Number(Buffer.from(url.searchParams.get('pagination_token') ?? '', 'base64url').toString() || 0);
    const all = reports
      .filter(
        (r) =>
          (after === null || Date.parse(r.createdOn) >= Date.parse(after)) &&
          (before === null || Date.parse(r.createdOn) < Date.parse(before)),
      )
      .filter(() => entity === null || entity === ENTITY_ID)
      .sort((a, b) => b.createdOn.localeCompare(a.createdOn));
    const data = all.slice(offset, offset + limit);
    const query = new URLSearchParams(url.searchParams);
    query.delete('pagination_token');
    const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64url') : null;
    return {
      status: 200,
      body: {
        count: data.length,
        limit,
        data: data.map((r) => reportBody(r, base)),
        _links: {
          self: { href: `${base}/reports?${url.searchParams}` },
          ...(next ? { next: { href: `${base}/reports?${query}&pagination_token=${next}` } } : {}),
        },
      },
    };
  }

  function fileOf(report: FakeReport): string {
    const text =
      report.type === 'Payouts'
        ? payoutsCsv([...payouts.values()].filter((p) => p.date === report.subject))
        : actionsCsv(payouts.get(report.subject) ?? { id: report.subject, date: '', currency: '', actions: [] });
    // Only the header line is renamed (a report whose columns Checkout.com named otherwise).
    const end = text.indexOf('\r\n');
    const header = text
      .slice(0, end)
      .split(',')
      .map((name) => renamed.get(name) ?? name)
      .join(',');
    return header + text.slice(end);
  }
}

export type ReportState = ReturnType<typeof createReportState>;

function reportBody(r: FakeReport, base: string) {
  return {
    id: r.id,
    created_on: r.createdOn,
    last_modified_on: r.lastModifiedOn,
    type: r.type,
    description: r.description,
    account: { client_id: CLIENT_ID, entity_id: ENTITY_ID },
    tags: r.tags,
    from: r.from,
    to: r.to,
    files: [
      {
        id: r.fileId,
        filename: r.filename,
        format: 'CSV',
        _links: { self: { href: `${base}/reports/${r.id}/files/${r.fileId}` } },
      },
    ],
    _links: { self: { href: `${base}/reports/${r.id}` } },
  };
}

const notFound = (code: string): FakeReply => ({
  status: 404,
  body: { request_id: randomUUID(), error_type: 'not_found', error_codes: [code] },
});
const invalid = (...codes: string[]): FakeReply => ({
  status: 422,
  body: { request_id: randomUUID(), error_type: 'invalid_request', error_codes: codes },
});
