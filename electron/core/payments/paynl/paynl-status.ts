import type { CardDetails, ProviderStatus } from '../provider';
import type { PayOrder } from './paynl-schemas';

/**
 * Pay.'s numeric status codes (see the reference table) as Kassa's provider-neutral answers.
 * A terminal order sits at 20/50 while the card is awaited; only 100 means the money is ours.
 */
export function mapPayStatus(code: number, action: string | null | undefined, order?: PayOrder): ProviderStatus {
  const raw = `${code}${action ? ` ${action}` : ''}`;
  switch (code) {
    case 20:
    case 25:
    case 50:
      return { kind: 'pending', phase: 'waiting_card', raw };
    case 90:
    case 98:
    case 75:
    case 76:
    // Partial (gift card), verify (suspicious, approved or declined by the merchant) and authorised
    // but not captured orders are not paid yet; they can still become PAID or fail.
    case 80:
    case 85:
    case 95:
    case 97:
      return { kind: 'pending', phase: 'processing', raw };
    case 100:
    // Paid and afterwards (partly) refunded or charged back: the sale itself was approved.
    case -70:
    case -71:
    case -72:
    case -81:
    case -82:
      return {
        kind: 'approved',
        card: order ? cardOf(order) : null,
        slip: order ? decodeReceipt(order.receipt) : null,
        raw,
      };
    case -51: {
      // The card paid, but not the amount asked: keep what was paid, so that if a manager accepts
      // it the books show the money actually taken.
      const paid = order?.capturedAmount?.value;
      const paidMinor = paid !== undefined && Number.isSafeInteger(paid) && paid > 0 ? paid : undefined;
      return { kind: 'needs_review', reason: 'paid_amount_differs', raw, ...(paidMinor ? { paidMinor } : {}) };
    }
    case -60:
      return { kind: 'failed', reason: 'provider_failure', raw };
    case -63:
    case -64:
      return { kind: 'declined', reason: 'card_declined', raw };
    case -80:
      return { kind: 'expired', raw };
    case -61:
    case -90:
      return { kind: 'cancelled', raw };
    default:
      if (code < 0) return { kind: 'cancelled', raw };
      return { kind: 'pending', phase: 'processing', raw };
  }
}

/** Last four digits of the masked number Pay. reports (e.g. `524322******6350`); never more. */
export function lastFour(masked: string | null | undefined): string | null {
  const match = masked?.match(/(\d{4})\s*$/);
  return match?.[1] ?? null;
}

function cardOf(order: PayOrder): CardDetails | null {
  const payment = [...(order.payments ?? [])].reverse().find((p) => lastFour(p.customerId));
  const last4 = lastFour(payment?.customerId);
  return last4 ? { brand: payment?.customerName?.trim() || 'Card', last4 } : null;
}

/** `receipt` is base64 of a JSON array of slip lines (the documented example decodes that way). */
export function decodeReceipt(receipt: string | null | undefined): string[] | null {
  if (!receipt) return null;
  const text = Buffer.from(receipt, 'base64').toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // Not JSON: a plain text slip.
  }
  return text.split(/\r?\n/);
}
