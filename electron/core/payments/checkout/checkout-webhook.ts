import { createHmac } from 'node:crypto';
import { sameSecret } from '../../secrets/constant-time';
import type { IncomingCall } from '../../webhooks/incoming';
import { CheckoutEvent } from './checkout-schemas';

/** What a delivery must carry: the workflow's signature key, and its static Authorization value if set. */
export interface WebhookKeys {
  readonly signatureKey: string;
  readonly authorization: string | null;
}

export type WebhookCheck = { ok: true; event: CheckoutEvent } | { ok: false; reason: string };

/** `Cko-Signature`: hex HMAC-SHA256 of the raw body with the workflow's signature key. */
export function ckoSignature(signatureKey: string, rawBody: Buffer | string): string {
  return createHmac('sha256', signatureKey).update(rawBody).digest('hex');
}

/**
 * Verifies a webhook as Checkout.com documents it: the signature over the RAW bytes (re-serialising
 * can change numbers or characters), then the static Authorization header, both in constant time.
 */
export function verifyCheckoutWebhook(call: IncomingCall, keys: WebhookKeys): WebhookCheck {
  const given = call.headers['cko-signature']?.toLowerCase();
  if (!given) return { ok: false, reason: 'signature_missing' };
  if (!sameSecret(ckoSignature(keys.signatureKey, call.rawBody), given))
    return { ok: false, reason: 'signature_invalid' };
  if (keys.authorization !== null && !sameSecret(keys.authorization, call.headers.authorization)) {
    return { ok: false, reason: 'authorization_invalid' };
  }
  let body: unknown;
  try {
    body = JSON.parse(call.rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const event = CheckoutEvent.safeParse(body);
  return event.success ? { ok: true, event: event.data } : { ok: false, reason: 'unknown_format' };
}
