import { isCurrencyCode } from '../../../../shared/money/currency';
import { decimalToMinor } from '../../../../shared/money/decimal';
import { PayoutTotalInput, type SettlementRowInput, type SettlementWindow } from '../../settlement/settlement-row';
import { ProviderError } from '../provider';
import type { CheckoutClient } from './checkout-client';
import { CsvError, readCsvRecords } from './checkout-csv';
import {
  FA_BY_PAYOUT_FILE,
  FA_BY_PAYOUT_TYPE,
  FA_COLUMNS,
  FaCsvRow,
  PAYOUT_COLUMNS,
  PAYOUTS_FILE,
  PAYOUTS_TYPE,
  PayoutCsvRow,
  type Report,
  type ReportFile,
  ReportList,
} from './checkout-report-schemas';
import { type ActionInput, actionRow } from './settlement-action-row';

/** Reports already read: id → [last_modified_on, created_on]; one that changed is read again. */
export type SeenReports = Record<string, [string, string]>;

const REPORT_PAGE_SIZE = 20;
/** Payouts remembered with what their by-payout file said, and totals waiting for that file. */
const REMEMBERED_PAYOUTS = 200;

/**
 * What the by-payout files said of each payout (`paidOthers`: true when it also paid another
 * processing channel's actions), and stated totals whose by-payout file is not read yet (`pending`).
 * Rides in the source's cursor, as `seen` does.
 */
export interface PayoutChannels {
  readonly paidOthers: Record<string, boolean>;
  readonly pending: PayoutTotalInput[];
}

export interface ReportPage {
  readonly rows: SettlementRowInput[];
  readonly payoutTotals: PayoutTotalInput[];
  /** `pagination_token` of the next page of the listing, null after the last. */
  readonly next: string | null;
  readonly seen: SeenReports;
  readonly channels: PayoutChannels;
}

/**
 * One page of `GET /reports` for the window (reports created from its first day to the end of its
 * last), and the files of every payout report on it that Kassa has not read yet — or that changed
 * since (`last_modified_on`): "Financial Actions by Payout ID" files give every action of a payout its
 * payout id and payout day; "Payouts" files give each payout's `Payout Amount`. Other reports are
 * passed over.
 */
export async function readReportPage(
  deps: { client: CheckoutClient; account: string; processingChannelId: string | null },
  window: SettlementWindow,
  pageToken: string | null,
  seenBefore: SeenReports,
  pageSize = REPORT_PAGE_SIZE,
  before: PayoutChannels = { paidOthers: {}, pending: [] },
): Promise<ReportPage> {
  const query = new URLSearchParams({
    created_after: `${window.from}T00:00:00.000Z`,
    created_before: `${nextDay(window.to)}T00:00:00.000Z`,
    limit: String(pageSize),
  });
  if (pageToken) query.set('pagination_token', pageToken);
  const list = await deps.client.request(ReportList, 'GET', `/reports?${query}`);
  const seen: SeenReports = Object.fromEntries(
    Object.entries(seenBefore).filter(([, [, created]]) => created.slice(0, 10) >= window.from),
  );
  const rows: SettlementRowInput[] = [];
  const paidOthers = { ...before.paidOthers };
  const payoutFiles: { text: string; where: string }[] = [];
  for (const report of list.data ?? []) {
    const version = report.last_modified_on ?? report.created_on ?? '';
    if (seen[report.id]?.[0] === version) continue;
    for (const file of report.files ?? []) {
      const kind = kindOf(report, file);
      if (!kind) continue;
      const text = await deps.client.download(`/reports/${report.id}/files/${file.id}`);
      const where = `report ${report.id} file ${file.id}`;
      if (kind === 'payouts') payoutFiles.push({ text, where });
      else {
        const payout = payoutOf(report, file, where);
        const read = actionRows(text, payout, deps, where);
        rows.push(...read.rows);
        paidOthers[payout.payoutId] = read.otherChannels;
      }
    }
    seen[report.id] = [version, report.created_on ?? `${window.from}T00:00:00.000Z`];
  }
  // The Payouts report states a payout's amount for the whole entity: every processing channel's
  // actions (a web shop's too). Kassa keeps only its own channel's lines, so for a payout that also
  // paid another channel the stated amount can never equal the sum of Kassa's lines: it gets no total
  // (no false `payout_total_differs`). A total is kept only once its by-payout file says the payout
  // paid Kassa's channel alone; until then it waits in `pending` (the listing's order is UNCONFIRMED:
  // the Payouts report may come first, even on an earlier page or run).
  const stated = new Map<string, PayoutTotalInput>();
  for (const total of [...before.pending, ...payoutFiles.flatMap((f) => payoutRows(f.text, deps.account, f.where))])
    stated.set(`${total.payoutId}|${total.currency}`, total);
  const payoutTotals = [...stated.values()].filter((t) => paidOthers[t.payoutId] === false);
  const pending = [...stated.values()].filter((t) => paidOthers[t.payoutId] === undefined);
  const nextHref = list._links?.next?.href;
  const next = nextHref ? new URL(nextHref, 'https://reports.invalid').searchParams.get('pagination_token') : null;
  const channels: PayoutChannels = {
    paidOthers: Object.fromEntries(Object.entries(paidOthers).slice(-REMEMBERED_PAYOUTS)),
    pending: pending.slice(-REMEMBERED_PAYOUTS),
  };
  return { rows, payoutTotals, next, seen, channels };
}

function kindOf(report: Report, file: ReportFile): 'actions' | 'payouts' | null {
  const name = file.filename ?? '';
  if (file.format && file.format.toUpperCase() !== 'CSV') return null;
  if (report.type === FA_BY_PAYOUT_TYPE || FA_BY_PAYOUT_FILE.test(name)) return 'actions';
  if (report.type === PAYOUTS_TYPE || PAYOUTS_FILE.test(name)) return 'payouts';
  return null;
}

/** The payout of a by-payout file: its `payout_id:` tag, else its file name; the day from the file name. */
function payoutOf(report: Report, file: ReportFile, where: string): { payoutId: string; settledOn: string | null } {
  const named = FA_BY_PAYOUT_FILE.exec(file.filename ?? '');
  const tagged = report.tags?.find((t) => t.startsWith('payout_id:'))?.slice('payout_id:'.length);
  const payoutId = tagged || named?.[3];
  if (!payoutId) throw unreadable(`${where}: no payout id (no payout_id tag, file name ${file.filename ?? '-'})`);
  const day = named?.[2];
  return { payoutId, settledOn: day ? `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}` : null };
}

function actionRows(
  text: string,
  payout: { payoutId: string; settledOn: string | null },
  deps: { account: string; processingChannelId: string | null },
  where: string,
): { rows: SettlementRowInput[]; otherChannels: boolean } {
  const records = recordsOf(text, where, [
    FA_COLUMNS.actionId,
    FA_COLUMNS.paymentId,
    FA_COLUMNS.actionType,
    FA_COLUMNS.processedOn,
    FA_COLUMNS.breakdownType,
    FA_COLUMNS.holdingCurrency,
    FA_COLUMNS.holdingAmount,
    // With a processing channel configured, a file that does not say each line's channel could hold a
    // web shop's actions: refused rather than stored as Kassa's.
    ...(deps.processingChannelId ? [FA_COLUMNS.processingChannelId] : []),
  ]);
  const actions = new Map<string, ActionInput & { lines: ActionInput['lines'][number][] }>();
  let otherChannels = false;
  records.forEach((record, index) => {
    const parsed = FaCsvRow.safeParse(record);
    if (!parsed.success) throw unreadable(`${where} line ${index + 2}: ${parsed.error.message}`);
    const line = parsed.data;
    const channel = line[FA_COLUMNS.processingChannelId];
    if (channel && deps.processingChannelId && channel !== deps.processingChannelId) {
      otherChannels = true;
      return;
    }
    const linePayout = line[FA_COLUMNS.payoutId];
    if (linePayout && linePayout !== payout.payoutId) {
      throw unreadable(`${where} line ${index + 2}: payout ${linePayout} in a file of payout ${payout.payoutId}`);
    }
    const id = line[FA_COLUMNS.actionId];
    const action = actions.get(id) ?? {
      actionId: id,
      paymentId: line[FA_COLUMNS.paymentId],
      actionType: line[FA_COLUMNS.actionType],
      reference: line[FA_COLUMNS.reference],
      processedOn: line[FA_COLUMNS.processedOn],
      lines: [],
    };
    action.lines.push({
      type: line[FA_COLUMNS.breakdownType],
      currency: line[FA_COLUMNS.holdingCurrency],
      amount: line[FA_COLUMNS.holdingAmount],
    });
    actions.set(id, action);
  });
  return { rows: [...actions.values()].map((action) => actionRow(action, null, deps.account, payout)), otherChannels };
}

function payoutRows(text: string, account: string, where: string): PayoutTotalInput[] {
  const records = recordsOf(text, where, Object.values(PAYOUT_COLUMNS));
  return records.map((record, index) => {
    const parsed = PayoutCsvRow.safeParse(record);
    if (!parsed.success) throw unreadable(`${where} line ${index + 2}: ${parsed.error.message}`);
    const line = parsed.data;
    const currency = line[PAYOUT_COLUMNS.currency];
    if (!isCurrencyCode(currency)) throw unreadable(`${where} line ${index + 2}: currency ${currency}`);
    const netMinor = decimalToMinor(line[PAYOUT_COLUMNS.payoutAmount], currency, 'exact');
    if (netMinor === null) {
      throw unreadable(`${where} line ${index + 2}: payout amount ${line[PAYOUT_COLUMNS.payoutAmount]}`);
    }
    const total = PayoutTotalInput.safeParse({
      provider: 'checkout',
      account,
      payoutId: line[PAYOUT_COLUMNS.payoutId],
      settledOn: line[PAYOUT_COLUMNS.payoutDate].slice(0, 10),
      netMinor,
      currency,
      aborted: false,
    });
    if (!total.success) throw unreadable(`${where} line ${index + 2}: ${total.error.message}`);
    return total.data;
  });
}

/** The file's lines keyed by column name; a file without a column Kassa needs is refused, naming it. */
function recordsOf(text: string, where: string, needed: readonly string[]): Record<string, string>[] {
  let read: { header: string[]; records: Record<string, string>[] };
  try {
    read = readCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(`${where}: ${error.message}`);
    throw error;
  }
  const missing = needed.filter((name) => !read.header.includes(name));
  if (missing.length > 0) throw unreadable(`${where}: no column ${missing.map((m) => `"${m}"`).join(', ')}`);
  return read.records;
}

function unreadable(message: string): ProviderError {
  return new ProviderError('refused', 'unreadable_answer', message);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
