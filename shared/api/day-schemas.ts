import { z } from 'zod';
import { JobDto, ReceiptLanguage } from './print-email-schemas';
import { ReceiptFile } from './schemas';

/** Issue 12, end of day: X report (any time), Z report (the close), the business day per station. */

const Minor = z.number().int();
const Currency = z.string().length(3);
/** How many and how much, in one currency's minor units. */
export const CountTotal = z.object({ count: z.number().int().nonnegative(), minor: Minor });
export type CountTotal = z.infer<typeof CountTotal>;

/**
 * One tender: money taken one way (a provider, a method derived from the terminal's kind, a terminal).
 * Built from the payments' own columns, so a new provider appears here without code naming it.
 */
export const TenderTotals = z.object({
  key: z.string(),
  provider: z.string(),
  method: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  payments: CountTotal,
  refunds: CountTotal,
  voids: CountTotal,
  /** Payments minus refunds (voided payments are not in `payments`: they never counted). */
  netMinor: Minor,
  /**
   * Whether this tender's provider can say what it took in the day (`dayTotals`): `offered` — its
   * figure is in the report's `providerCheck` once asked; `not_offered` — it has no such figure.
   */
  reported: z.enum(['offered', 'not_offered']),
});
export type TenderTotals = z.infer<typeof TenderTotals>;

export const CurrencyTotals = z.object({
  currency: Currency,
  tenders: z.array(TenderTotals),
  payments: CountTotal,
  refunds: CountTotal,
  voids: CountTotal,
  netMinor: Minor,
});
export type CurrencyTotals = z.infer<typeof CurrencyTotals>;

export const OpenPaymentLine = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.string(),
  amount: z.object({ minor: Minor, currency: Currency }),
  terminalName: z.string(),
  createdAt: z.string(),
});

/** What stops a close (a manager may override with a note). */
export const DAY_BLOCKERS = ['open_payments', 'open_refunds', 'open_voids', 'outbox_waiting'] as const;
export const DayBlocker = z.enum(DAY_BLOCKERS);
export type DayBlocker = z.infer<typeof DayBlocker>;

/**
 * One of a provider's figures for the day beside what Kassa expects for the same thing. `measure`
 * says what is counted: `net` sales minus refunds, `sales` money taken only (refunds not in it).
 * `terminalId` null: the provider's figure for all its tenders in this currency.
 */
export const ProviderFigure = z.object({
  currency: Currency,
  terminalId: z.string().nullable(),
  /** What the figure is about, as the report shows it (a terminal's or the provider's name). */
  label: z.string(),
  measure: z.enum(['net', 'sales']),
  expected: CountTotal,
  /** The provider's count, when it gives one. */
  reportedCount: z.number().int().nonnegative().nullable(),
  reportedMinor: Minor,
  /** Reported − expected: 0 when they agree. */
  differenceMinor: Minor,
});
export type ProviderFigure = z.infer<typeof ProviderFigure>;

/** Why a provider's day figure is missing, or that it answered. */
export const PROVIDER_ANSWER_STATES = ['reported', 'not_offered', 'not_available', 'no_answer'] as const;

/** One provider used in the period, asked for its own figure of the day (read-only). */
export const ProviderDayAnswer = z.object({
  provider: z.string(),
  state: z.enum(PROVIDER_ANSWER_STATES),
  /** A code, never the provider's words: `not_configured`, `http_403`, `unreadable_answer`, `timeout`… */
  reason: z.string().nullable(),
  /** What the figure covers: this station's payments only, or everything on the provider account. */
  scope: z.enum(['station', 'account']).nullable(),
  /** The provider's own period: Kassa's window, or its calendar dates (YYYY-MM-DD) when it counts whole days. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  figures: z.array(ProviderFigure),
});
export type ProviderDayAnswer = z.infer<typeof ProviderDayAnswer>;

/** What the providers said for the report's period, and when they were asked. */
export const ProviderCheck = z.object({
  askedAt: z.string(),
  /** Kassa's window the providers were asked about (the Z's whole period). */
  window: z.object({ from: z.string(), to: z.string() }),
  answers: z.array(ProviderDayAnswer),
});
export type ProviderCheck = z.infer<typeof ProviderCheck>;

export const DayReport = z.object({
  kind: z.enum(['X', 'Z']),
  stationId: z.string(),
  number: z.number().int().positive(),
  /** Everything from here on belongs to this day: the previous close, or this day's opening. */
  periodStart: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  overrideNote: z.string().nullable(),
  generatedAt: z.string(),
  currencies: z.array(CurrencyTotals),
  /** Payments the back-office refused to allocate: the customers' credit until a manager acts. */
  held: z.array(z.object({ currency: Currency, count: z.number().int(), minor: Minor })),
  open: z.object({
    payments: z.array(OpenPaymentLine),
    refunds: z.number().int(),
    voids: z.number().int(),
  }),
  /** Messages still to reach the back-office (per payment or record). */
  outboxWaiting: z.number().int(),
  blockers: z.array(DayBlocker),
  /**
   * The providers' own figures: asked at the close and stored with the Z (a reprint shows what they
   * said then); on the X only on request (`day.askProviders`). Null: not asked (Z reports closed
   * before providers were asked keep null).
   */
  providerCheck: ProviderCheck.nullable().default(null),
});
export type DayReport = z.infer<typeof DayReport>;

export const DayDto = z.object({
  stationId: z.string(),
  number: z.number().int().positive(),
  state: z.enum(['open', 'closed']),
  periodStart: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  overrideNote: z.string().nullable(),
  /** Net per currency from the Z (closed days only). */
  net: z.array(z.object({ currency: Currency, minor: Minor })),
});
export type DayDto = z.infer<typeof DayDto>;

export const DayCurrent = z.object({
  /** The open day, else the last closed one, else null (nothing ever opened). */
  day: DayDto.nullable(),
  /** Whether `payments.start` is accepted now (a closed day of today refuses it). */
  mayTakePayments: z.boolean(),
});
export type DayCurrent = z.infer<typeof DayCurrent>;

export const CloseDayInput = z
  .object({
    override: z
      .object({ note: z.string().trim().min(3).max(500) })
      .strict()
      .optional(),
  })
  .strict();

export const CloseDayResult = z.object({ day: DayDto, report: DayReport, jobs: z.array(JobDto) });
export type CloseDayResult = z.infer<typeof CloseDayResult>;

const ZNumber = z.object({ number: z.number().int().positive() }).strict();

export const dayContract = {
  'day.current': { input: z.object({}).strict(), output: DayCurrent },
  'day.xReport': { input: z.object({}).strict(), output: DayReport },
  'day.close': { input: CloseDayInput, output: CloseDayResult },
  'day.open': { input: z.object({}).strict(), output: DayDto },
  'day.history': {
    input: z.object({ limit: z.number().int().min(1).max(366).default(30) }).strict(),
    output: z.array(DayDto),
  },
  'day.zReport': { input: ZNumber, output: DayReport },
  /** The X report with the providers' own figures for the day so far (asked now; read-only, may take seconds). */
  'day.askProviders': { input: z.object({}).strict(), output: DayReport },
  'day.zPdf': {
    input: z.object({ number: z.number().int().positive(), language: ReceiptLanguage.default('en') }).strict(),
    output: ReceiptFile,
  },
  'day.printZ': { input: ZNumber, output: JobDto },
  'day.emailZ': {
    input: z.object({ number: z.number().int().positive(), to: z.string().trim().email().max(254) }).strict(),
    output: JobDto,
  },
  /** The Z's print and e-mail jobs, newest first (the screen shows their progress). */
  'day.zJobs': { input: ZNumber, output: z.array(JobDto) },
} as const;
