import { z } from 'zod';

/**
 * The Reports API (`GET /reports`, `GET /reports/{id}/files/{fileId}`) and the two CSV reports Kassa
 * reads, as far as Kassa reads them. Shapes of the API: the reconciliation subset of the OpenAPI
 * documents (ReportListResponse, ReportResponse, FileResponse). Column names of the CSV files: see
 * each list; names marked UNCONFIRMED are not in the reference (`reconciliation_receipts.md` A.1.4)
 * and are Kassa's reading of Checkout.com's field tables — a file without them is refused with the
 * missing name, never guessed at.
 */

const Link = z.object({ href: z.string() }).passthrough();

export const ReportFile = z
  .object({
    id: z.string().min(1),
    filename: z.string().optional(),
    format: z.string().optional(),
    _links: z.object({ self: Link.optional() }).passthrough().optional(),
  })
  .passthrough();
export type ReportFile = z.infer<typeof ReportFile>;

export const Report = z
  .object({
    id: z.string().min(1),
    created_on: z.string().optional(),
    last_modified_on: z.string().optional(),
    type: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    files: z.array(ReportFile).optional(),
  })
  .passthrough();
export type Report = z.infer<typeof Report>;

export const ReportList = z
  .object({
    count: z.number().int().optional(),
    limit: z.number().int().optional(),
    data: z.array(Report).optional(),
    _links: z.object({ next: Link.optional() }).passthrough().optional(),
  })
  .passthrough();

/** `type` of the report with every action of one payout (the spec's example value). */
export const FA_BY_PAYOUT_TYPE = 'FinancialActionsByPayoutId';
/** `type` of the Payouts report. UNCONFIRMED: the reference names the report, not its type value. */
export const PAYOUTS_TYPE = 'Payouts';

/** `financial-actions_{EntityID}_{PayoutDate:YYYYMMDD}_{PayoutID}_1.csv` (reference A.1.4). */
export const FA_BY_PAYOUT_FILE = /^financial-?actions_(ent_\w+?)_(\d{8})_([A-Za-z0-9]+)_\d+\.csv$/;
/** `payouts_{EntityID}_{Start:YYYYMMDD}_{End:YYYYMMDD}_1.csv` (reference A.1.4). */
export const PAYOUTS_FILE = /^payouts_(ent_\w+?)_(\d{8})_(\d{8})_\d+\.csv$/;

/**
 * Columns of "Financial Actions by Payout ID": one line per breakdown line of an action, like the
 * Financial Actions API's `breakdown[]`. The reference confirms only what the file links (action id →
 * payment id → payout id); every column name here is UNCONFIRMED.
 */
export const FA_COLUMNS = {
  actionId: 'Action ID',
  paymentId: 'Payment ID',
  actionType: 'Action Type',
  processedOn: 'Processed On',
  breakdownType: 'Breakdown Type',
  holdingCurrency: 'Holding Currency',
  holdingAmount: 'Holding Currency Amount',
  /** Optional: our reference as the payment carried it. */
  reference: 'Reference',
  /** Optional: cross-checked against the payout id of the file name or tag. */
  payoutId: 'Payout ID',
  /** Optional: a row of another processing channel than Kassa's is not Kassa's. */
  processingChannelId: 'Processing Channel ID',
} as const;

/**
 * Columns of the Payouts report: `Payout ID`, `Payout Date` (UTC) and `Payout Amount` are in the
 * reference; `Holding Currency` (the currency account's currency) is UNCONFIRMED.
 */
export const PAYOUT_COLUMNS = {
  payoutId: 'Payout ID',
  payoutDate: 'Payout Date',
  payoutAmount: 'Payout Amount',
  currency: 'Holding Currency',
} as const;

const cell = z.string().trim();
const required = cell.min(1);
const optional = cell.optional().transform((v) => (v ? v : null));

export const FaCsvRow = z.object({
  [FA_COLUMNS.actionId]: required,
  [FA_COLUMNS.paymentId]: required,
  [FA_COLUMNS.actionType]: required,
  [FA_COLUMNS.processedOn]: required,
  [FA_COLUMNS.breakdownType]: required,
  [FA_COLUMNS.holdingCurrency]: cell.length(3),
  [FA_COLUMNS.holdingAmount]: required,
  [FA_COLUMNS.reference]: optional,
  [FA_COLUMNS.payoutId]: optional,
  [FA_COLUMNS.processingChannelId]: optional,
});
export type FaCsvRow = z.infer<typeof FaCsvRow>;

export const PayoutCsvRow = z.object({
  [PAYOUT_COLUMNS.payoutId]: required,
  /** ISO in UTC ("YYYY-MM-DDTHH:mm:SS:sss" in Checkout.com's words): the date is its first ten characters. */
  [PAYOUT_COLUMNS.payoutDate]: required.regex(/^\d{4}-\d{2}-\d{2}/),
  [PAYOUT_COLUMNS.payoutAmount]: required,
  [PAYOUT_COLUMNS.currency]: cell.length(3),
});
export type PayoutCsvRow = z.infer<typeof PayoutCsvRow>;
