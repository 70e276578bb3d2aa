import { z } from 'zod';
import { StationIdSchema } from '../payment/reference';
import { IsoDateTime, MoneyDto } from './primitives';

/** The counter's link to its back-office as the screen sees it: status, the outbox, the connection. */
export const SyncStatus = z.object({
  /** A back-office is configured (demo: the embedded one). */
  configured: z.boolean(),
  /** null until the first attempt. */
  online: z.boolean().nullable(),
  waiting: z.number().int(),
  held: z.number().int(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  /** The back-office refused this counter's station id or token: nothing syncs until a manager fixes it. */
  rejectedCredentials: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SystemStatus = z.object({
  mode: z.enum(['demo', 'live']),
  recovering: z.boolean(),
  outboxDepth: z.number().int(),
  version: z.string(),
  sync: SyncStatus,
});
export type SystemStatus = z.infer<typeof SystemStatus>;

export const SyncItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  paymentId: z.string(),
  reference: z.string().nullable(),
  customerName: z.string().nullable(),
  amount: MoneyDto.nullable(),
  state: z.enum(['waiting', 'held']),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  createdAt: IsoDateTime,
  lastAttemptAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
});
export type SyncItem = z.infer<typeof SyncItem>;

export const BackofficeSettings = z.object({
  /** Where the connection comes from; environment variables win over the app's settings. */
  source: z.enum(['environment', 'settings', 'demo', 'none']),
  url: z.string().nullable(),
  stationId: z.string(),
  /** Whether a token is stored; the token itself never leaves the core. */
  tokenSet: z.boolean(),
});
export type BackofficeSettings = z.infer<typeof BackofficeSettings>;

export const ConfigureBackofficeInput = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(500),
    /** Goes into every payment reference: 1–8 letters or digits. */
    stationId: StationIdSchema,
    /** Omitted: keep the stored token. */
    token: z.string().min(8).max(500).optional(),
  })
  .strict();
