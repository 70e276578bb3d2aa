import { z } from 'zod';
import { ReceiptFile } from './schemas';

/** Issue 16: reconciliation of what the counter took against what each provider settled. */
export const EXCEPTION_KINDS = [
  'not_settled',
  'unknown_settlement',
  'amount_differs',
  'refund_not_in_kassa',
  'chargeback',
  'fee_out_of_range',
  /** The sum of net of a payout's lines is not the payout amount the provider stated (per currency). */
  'payout_total_differs',
  /** The provider aborted a payout (Vipps `payout-aborted`); open until a later payout carries its lines. */
  'payout_aborted',
] as const;
export const ExceptionKind = z.enum(EXCEPTION_KINDS);
export type ExceptionKind = z.infer<typeof ExceptionKind>;

const Day = z.iso.date();
const Provider = z.string().trim().min(1).max(40);

export const ReconciliationAccountDto = z.object({
  provider: z.string(),
  account: z.string(),
  coveredFrom: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  rowsLast: z.number().int(),
  cursor: z.string().nullable(),
  rows: z.number().int(),
});
export type ReconciliationAccountDto = z.infer<typeof ReconciliationAccountDto>;

export const ReconciliationStatusDto = z.object({
  running: z.boolean(),
  progress: z
    .object({ provider: z.string(), account: z.string(), pages: z.number().int(), rows: z.number().int() })
    .nullable(),
  accounts: z.array(ReconciliationAccountDto),
  openExceptions: z.number().int(),
});
export type ReconciliationStatusDto = z.infer<typeof ReconciliationStatusDto>;

export const ReconciliationRunDto = z.object({
  accounts: z.array(
    z.object({
      provider: z.string(),
      account: z.string(),
      ok: z.boolean(),
      changed: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  matched: z.number().int(),
  exceptionsAdded: z.number().int(),
});

export const ReconciliationExceptionDto = z.object({
  id: z.number().int(),
  kind: ExceptionKind,
  provider: z.string(),
  subject: z.string(),
  paymentId: z.string().nullable(),
  /** Kassa's reference of the payment, the provider's reference on the settled line, or the payout id. */
  reference: z.string().nullable(),
  /** The payout a payout exception is about. */
  payoutId: z.string().nullable(),
  expectedMinor: z.number().int().nullable(),
  actualMinor: z.number().int().nullable(),
  currency: z.string(),
  occurredOn: z.string(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
  autoResolved: z.boolean(),
});
export type ReconciliationExceptionDto = z.infer<typeof ReconciliationExceptionDto>;

export const ExceptionListInput = z
  .object({
    state: z.enum(['open', 'resolved', 'all']).default('open'),
    kind: ExceptionKind.optional(),
    provider: Provider.optional(),
    from: Day.optional(),
    to: Day.optional(),
  })
  .strict();

export const ResolveExceptionInput = z
  .object({ id: z.number().int().positive(), note: z.string().trim().min(3).max(500) })
  .strict();

const Totals = {
  grossMinor: z.number().int(),
  feeMinor: z.number().int(),
  netMinor: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
};
export const SettlementReportDto = z.object({
  kind: z.enum(['day', 'payout']),
  key: z.string(),
  /** The zone whose calendar days a day report uses (the shop's: setting `shop.timeZone`, else the system's). */
  timeZone: z.string(),
  lines: z.array(z.object({ provider: z.string(), tender: z.string(), currency: z.string(), ...Totals })),
  payouts: z.array(
    z.object({
      provider: z.string(),
      payoutId: z.string().nullable(),
      settledOn: z.string().nullable(),
      currency: z.string(),
      ...Totals,
      /** What the provider said the payout amounted to (null: it states none); `netMinor` sums the lines. */
      statedNetMinor: z.number().int().nullable(),
      /** The net of ALL the payout's lines, any booking day (null: nothing stated): compared with the stated. */
      payoutNetMinor: z.number().int().nullable(),
      /** The provider aborted the payout: its lines are not paid out (yet). */
      aborted: z.boolean(),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), ...Totals })),
  rows: z.array(
    z.object({
      provider: z.string(),
      account: z.string(),
      type: z.enum(['payment', 'refund', 'chargeback', 'fee', 'adjustment']),
      payoutId: z.string().nullable(),
      settledOn: z.string().nullable(),
      bookedOn: z.string(),
      grossMinor: z.number().int(),
      feeMinor: z.number().int(),
      netMinor: z.number().int(),
      currency: z.string(),
      tender: z.string(),
      reference: z.string().nullable(),
      paymentId: z.string().nullable(),
      payoutAborted: z.boolean(),
    }),
  ),
});
export type SettlementReportDto = z.infer<typeof SettlementReportDto>;

/** A day (the shop's calendar day, in its time zone, on which the provider booked the line) or one payout. */
export const ReportInput = z.union([
  z.object({ day: Day }).strict(),
  z.object({ payoutId: z.string().trim().min(1).max(200) }).strict(),
]);
export const ReportExportInput = z.intersection(
  ReportInput,
  z.object({ language: z.enum(['en', 'nl']).default('en') }),
);

export const PayoutListInput = z.object({ from: Day, to: Day }).strict();
export const PayoutListDto = z.array(
  z.object({ provider: z.string(), payoutId: z.string(), settledOn: z.string().nullable(), aborted: z.boolean() }),
);

/** Per provider: how many days a settlement may take and the highest normal fee (basis points). */
export const ReconciliationExpectationDto = z.object({
  provider: z.string(),
  settleDays: z.number().int(),
  maxFeeBps: z.number().int(),
});
export const ConfigureExpectationInput = z
  .object({
    provider: Provider,
    settleDays: z.number().int().min(0).max(60),
    maxFeeBps: z.number().int().min(0).max(10_000),
  })
  .strict();

/** The zone whose calendar days the report and the exceptions use: the shop's setting, else the system's. */
export const ShopTimeZoneDto = z.object({
  timeZone: z.string(),
  source: z.enum(['setting', 'system']),
  /** The computer's own zone (the default). */
  systemTimeZone: z.string(),
});
export const SetShopTimeZoneInput = z
  .object({
    /** An IANA zone name (e.g. Europe/Amsterdam); null: follow the computer's zone. */
    timeZone: z.string().trim().min(1).max(64).nullable(),
  })
  .strict();

export const reconciliationContract = {
  'reconciliation.status': { input: z.object({}).strict(), output: ReconciliationStatusDto },
  /** Imports every provider account now (joins a run already going), then matches and detects. */
  'reconciliation.importNow': { input: z.object({}).strict(), output: ReconciliationRunDto },
  'reconciliation.exceptions': { input: ExceptionListInput, output: z.array(ReconciliationExceptionDto) },
  'reconciliation.resolve': { input: ResolveExceptionInput, output: ReconciliationExceptionDto },
  'reconciliation.report': { input: ReportInput, output: SettlementReportDto },
  'reconciliation.payouts': { input: PayoutListInput, output: PayoutListDto },
  'reconciliation.exportCsv': { input: ReportExportInput, output: ReceiptFile },
  'reconciliation.exportPdf': { input: ReportExportInput, output: ReceiptFile },
  /** The usual delay and fee ceiling per configured provider with a settlement source, imported yet or not (defaults until a manager sets them). */
  'reconciliation.expectations': { input: z.object({}).strict(), output: z.array(ReconciliationExpectationDto) },
  'reconciliation.configure': { input: ConfigureExpectationInput, output: ReconciliationExpectationDto },
  'reconciliation.timeZone': { input: z.object({}).strict(), output: ShopTimeZoneDto },
  /** Sets the shop's time zone for reconciliation's days (audited as `settings.shop.timeZone.save`). */
  'reconciliation.setTimeZone': { input: SetShopTimeZoneInput, output: ShopTimeZoneDto },
} as const;
