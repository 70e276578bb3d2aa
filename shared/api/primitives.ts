import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currency';

/** The building blocks every API schema uses: ids, dates, currencies, money in minor units. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const IsoDateTime = z.string();
export const Currency = z.enum(CURRENCY_CODES as [string, ...string[]]);
export const Locale = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof Locale>;

export const MoneyDto = z.object({ minor: z.number().int(), currency: z.string().length(3) });
