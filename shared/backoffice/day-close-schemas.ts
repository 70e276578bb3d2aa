import { z } from 'zod';

/** A station's end of day (Z report): what it took per tender and currency, and what was left open. */
const BoCount = z.object({ count: z.number().int().nonnegative(), minor: z.number().int() });
export const BoDayCloseRecord = z
  .object({
    stationId: z.string().min(1).max(32),
    /** The Z number, sequential per station: with the station, what makes the record unique. */
    number: z.number().int().positive(),
    periodStart: z.string(),
    openedAt: z.string(),
    closedAt: z.string(),
    closedBy: z.string().max(200),
    /** Set when a manager closed despite open payments or undelivered messages. */
    overrideNote: z.string().max(500).nullable(),
    currencies: z.array(
      z.object({
        currency: z.string().length(3),
        tenders: z.array(
          z.object({
            provider: z.string().max(64),
            method: z.string().max(64),
            terminalId: z.string().max(64),
            payments: BoCount,
            refunds: BoCount,
            voids: BoCount,
            netMinor: z.number().int(),
          }),
        ),
        netMinor: z.number().int(),
      }),
    ),
    openPayments: z.number().int().nonnegative(),
    outboxWaiting: z.number().int().nonnegative(),
  })
  .strict()
  .meta({ id: 'DayCloseRecord' });
export type BoDayCloseRecord = z.infer<typeof BoDayCloseRecord>;
