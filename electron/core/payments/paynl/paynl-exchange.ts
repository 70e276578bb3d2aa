import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { sameSecret } from '../../secrets/constant-time';
import type { IncomingCall } from '../../webhooks/incoming';
import type { PayNlConfig } from './paynl-config';
import { PayOrder, PayTransaction } from './paynl-schemas';

/** What an exchange call says, whatever its format (Order API JSON, Pay.POS JSON, legacy fields). */
export interface PayExchange {
  readonly format: 'order' | 'paypos' | 'legacy';
  /** Signed with a valid HMAC: its content may be trusted as it is. Otherwise Kassa asks Pay. first. */
  readonly verified: boolean;
  /** The same delivery repeated by Pay. has the same key. */
  readonly key: string;
  readonly reference: string | null;
  /** Order API id (UUID) or Pay.POS transaction id (EX-…) or legacy order id. */
  readonly providerId: string | null;
  readonly order: PayOrder | null;
  readonly transaction: z.infer<typeof PayTransaction> | null;
  readonly action: string | null;
}

export type ExchangeParse = { ok: true; exchange: PayExchange } | { ok: false; reason: string };

const SignedHeaders = z.object({
  'signature-method': z.literal('HMAC'),
  'signature-keyid': z.string().min(1),
  'signature-algorithm': z.enum(['sha256', 'sha512']).optional(),
  signature: z.string().regex(/^[0-9a-f]+$/i),
});

const OrderExchange = z.object({
  event: z.string(),
  type: z.string().optional(),
  id: z.string().optional(),
  object: PayOrder,
});

const PayPosExchange = PayTransaction.extend({ action: z.string() });

const LegacyFields = z
  .object({
    action: z.string().min(1),
    order_id: z.string().min(1),
    extra1: z.string().optional(),
    amount: z.string().optional(),
  })
  .passthrough();

/**
 * Checks the signature over the raw body (before any parsing) and reads the call. A call that
 * carries a signature which does not verify is refused outright; an unsigned call is read but
 * marked unverified, so nothing changes until Pay. confirms the status.
 */
export function parseExchange(call: IncomingCall, config: PayNlConfig): ExchangeParse {
  const signed = verifySignature(call, config);
  if (signed === 'invalid') return { ok: false, reason: 'signature_invalid' };
  const verified = signed === 'valid';
  const key = createHash('sha256')
    .update(call.method)
    .update(call.method === 'GET' ? call.url : call.rawBody)
    .digest('hex');
  const fields = readBody(call);
  if (!fields) return { ok: false, reason: 'unreadable' };

  const asOrder = OrderExchange.safeParse(fields);
  if (asOrder.success) {
    const order = asOrder.data.object;
    return {
      ok: true,
      exchange: {
        format: 'order',
        verified,
        key,
        reference: order.reference || null,
        providerId: order.id,
        order,
        transaction: null,
        action: asOrder.data.event,
      },
    };
  }
  const asPayPos = PayPosExchange.safeParse(fields);
  if (asPayPos.success) {
    const tx = asPayPos.data;
    return {
      ok: true,
      exchange: {
        format: 'paypos',
        verified,
        key,
        reference: tx.reference || null,
        providerId: tx.id ?? tx.orderId ?? null,
        order: null,
        transaction: tx,
        action: tx.action,
      },
    };
  }
  const asLegacy = LegacyFields.safeParse(fields);
  if (asLegacy.success) {
    return {
      ok: true,
      exchange: {
        format: 'legacy',
        // The legacy formats carry no signature worth the name: always confirmed with Pay.
        verified: false,
        key,
        reference: asLegacy.data.extra1 || null,
        providerId: asLegacy.data.order_id,
        order: null,
        transaction: null,
        action: asLegacy.data.action,
      },
    };
  }
  return { ok: false, reason: 'unknown_format' };
}

function verifySignature(call: IncomingCall, config: PayNlConfig): 'valid' | 'invalid' | 'absent' {
  if (!call.headers.signature && !call.headers['signature-method']) return 'absent';
  const headers = SignedHeaders.safeParse(call.headers);
  if (!headers.success) return 'invalid';
  const keyId = headers.data['signature-keyid'];
  const secret =
    keyId === config.serviceId ? config.serviceSecret : keyId === config.tokenCode ? config.apiToken : null;
  if (!secret) return 'invalid';
  const expected = createHmac(headers.data['signature-algorithm'] ?? 'sha256', secret)
    .update(call.rawBody)
    .digest('hex');
  return sameSecret(expected, headers.data.signature.toLowerCase()) ? 'valid' : 'invalid';
}

function readBody(call: IncomingCall): Record<string, unknown> | null {
  if (call.method === 'GET') return Object.fromEntries(new URL(call.url, 'http://x').searchParams);
  const text = call.rawBody.toString('utf8');
  const type = call.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return text.includes('=') ? Object.fromEntries(new URLSearchParams(text)) : null;
  }
}
