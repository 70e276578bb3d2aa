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
  /** What the provider says for the day: no provider offers terminal day totals yet. */
  reported: z.literal('not_offered'),
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
