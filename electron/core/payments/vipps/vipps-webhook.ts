import { createHash, createHmac } from 'node:crypto';
import { sameSecret } from '../../secrets/constant-time';
import type { IncomingCall } from '../../webhooks/incoming';
import { VippsWebhookEvent as EventSchema, type VippsWebhookEvent } from './vipps-schemas';

/** Vipps signs the registered URL, not the one our reverse proxy forwards to. */
export interface WebhookRegistration {
  readonly url: string;
  readonly secret: string;
}

/** A webhook older than this is refused: a replayed capture of an old delivery must not count. */
const MAX_AGE_MS = 15 * 60_000;

export type WebhookCheck = { ok: true; event: VippsWebhookEvent } | { ok: false; reason: string };

/**
 * Verifies a webhook exactly as Vipps documents it: SHA-256 of the raw body against
 * x-ms-content-sha256, then HMAC-SHA256 (key: the secret string as given) over
 * "POST\n{path and query}\n{x-ms-date};{host};{content hash}", compared in constant time.
 */
export function verifyVippsWebhook(call: IncomingCall, registration: WebhookRegistration, now: Date): WebhookCheck {
  const date = call.headers['x-ms-date'];
  const contentHash = call.headers['x-ms-content-sha256'];
  const authorization = call.headers.authorization;
  if (!date || !contentHash || !authorization) return { ok: false, reason: 'signature_missing' };
  const actualHash = createHash('sha256').update(call.rawBody).digest('base64');
  if (!sameSecret(actualHash, contentHash)) return { ok: false, reason: 'content_hash_mismatch' };
  const expected = vippsAuthorization(registration, date, actualHash);
  if (!sameSecret(expected, authorization)) return { ok: false, reason: 'signature_invalid' };
  const sent = Date.parse(date);
  if (!Number.isFinite(sent) || Math.abs(now.getTime() - sent) > MAX_AGE_MS) return { ok: false, reason: 'stale' };
  let body: unknown;
  try {
    body = JSON.parse(call.rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const event = EventSchema.safeParse(body);
  return event.success ? { ok: true, event: event.data } : { ok: false, reason: 'unknown_format' };
}

export function vippsAuthorization(registration: WebhookRegistration, date: string, contentHash: string): string {
  const url = new URL(registration.url);
  const signed = `POST\n${url.pathname}${url.search}\n${date};${url.host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(registration.secret, 'utf8')).update(signed).digest('base64');
  return `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`;
}
