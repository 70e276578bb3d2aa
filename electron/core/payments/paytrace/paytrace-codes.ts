import type { CardDetails, ProviderStatus } from '../provider';
import type { ExportedTransaction, TransactionAnswer } from './wire';

/**
 * PayTrace's response codes (docs/paytrace-wire.md, "Response codes") in Kassa's terms. Every code
 * the reference names has a line; a code it does not name is never taken as paid.
 */
export const RESPONSE_CODES = {
  VALIDATION: 1,
  APPROVED: 101,
  DECLINED: 102,
  APPROVED_VOIDED: 103,
  REFUNDED: 106,
  REFUND_FAILED: 107,
  TEST_REFUND: 108,
  VOIDED: 109,
  VOID_FAILED: 110,
  CAPTURED: 112,
  CAPTURE_FAILED: 113,
  /** Checks (ACH), per active_merchant's fixtures: processed, refunded, managed (void/fund), not processed. */
  CHECK_PROCESSED: 120,
  CHECK_REFUNDED: 122,
  CHECK_MANAGED: 124,
  CHECK_NOT_PROCESSED: 125,
  CUSTOMER_CREATED: 160,
  LEVEL_THREE_ADDED: 170,
} as const;

/** PayTrace's `errors` map in words, for the log and the failure reason ("58: Please provide…"). */
export function errorsInWords(errors: Readonly<Record<string, readonly string[]>> | undefined): string {
  if (!errors) return '';
  return Object.entries(errors)
    .map(([number, messages]) => `${number}: ${messages.join(' ')}`)
    .join('; ');
}

/** The first error number of a code-1 answer as Kassa's failure code, in PayTrace's words (`PAYTRACE-58`). */
export function errorCode(errors: Readonly<Record<string, readonly string[]>> | undefined): `PAYTRACE-${number}` {
  const first = errors ? Object.keys(errors).find((key) => /^\d+$/.test(key)) : undefined;
  return `PAYTRACE-${first ? Number(first) : 1}`;
}

/** Brand and last four from PayTrace's masked number; nothing more is kept. */
export function cardOf(masked: string | null | undefined, brand?: string | null): CardDetails | null {
  const last4 = masked ? /(\d{4})\s*$/.exec(masked)?.[1] : undefined;
  if (!last4) return null;
  return { brand: brand ?? brandOfMasked(masked ?? ''), last4 };
}

function brandOfMasked(masked: string): string {
  const first = masked.replace(/\D/g, '')[0] ?? masked[0];
  if (first === '4') return 'Visa';
  if (first === '5' || first === '2') return 'Mastercard';
  if (first === '3') return 'American Express';
  if (first === '6') return 'Discover';
  return 'Card';
}

/** A sale's (or check sale's) answer, in Kassa's terms. */
export function saleStatus(answer: TransactionAnswer, rail: 'card' | 'check', brand?: string | null): ProviderStatus {
  const raw = `${answer.response_code} ${answer.status_message}`.slice(0, 200);
  switch (answer.response_code) {
    case RESPONSE_CODES.APPROVED:
      return { kind: 'approved', card: cardOf(answer.masked_card_number, brand), raw };
    case RESPONSE_CODES.CHECK_PROCESSED:
      return rail === 'check' ? { kind: 'approved', card: null, raw } : unexpected(raw);
    case RESPONSE_CODES.DECLINED:
      return { kind: 'declined', reason: 'declined', raw };
    case RESPONSE_CODES.CHECK_NOT_PROCESSED:
      return rail === 'check' ? { kind: 'declined', reason: 'declined', raw } : unexpected(raw);
    case RESPONSE_CODES.APPROVED_VOIDED:
      // Approved by the issuer, then voided at once by PayTrace (e.g. a failed check): nothing paid.
      return { kind: 'declined', reason: 'approved_then_voided', raw };
    case RESPONSE_CODES.VALIDATION:
      return { kind: 'failed', reason: errorCode(answer.errors), raw: `${raw} ${errorsInWords(answer.errors)}` };
    default:
      return unexpected(raw);
  }
}

/**
 * A code the reference names for other requests (106, 109, 112…) or none at all as a sale's answer:
 * PayTrace acted somehow, and Kassa cannot say how. A manager decides.
 */
function unexpected(raw: string): ProviderStatus {
  return { kind: 'needs_review', reason: 'paytrace_unexpected_code', raw };
}

/** A sale as a transaction export shows it. */
export function exportedSaleStatus(row: ExportedTransaction, rail: 'card' | 'check'): ProviderStatus {
  const type = row.transaction_type.toUpperCase();
  const raw = `${type} ${row.response_code ?? ''} ${row.status_message ?? ''}`.trim().slice(0, 200);
  // PayTrace's own void of a 103 is not a void of Kassa's: it was never paid.
  if (row.response_code === RESPONSE_CODES.APPROVED_VOIDED)
    return { kind: 'declined', reason: 'approved_then_voided', raw };
  if (type === 'VOID' || type.endsWith(' VOID')) return { kind: 'cancelled', raw };
  if (row.response_code === undefined || row.response_code === null) {
    return { kind: 'needs_review', reason: 'paytrace_export_without_code', raw };
  }
  const status = saleStatus(
    { success: true, response_code: row.response_code, status_message: row.status_message ?? '' },
    rail,
  );
  if (status.kind === 'approved')
    return { ...status, card: cardOf(row.credit_card?.masked_number, row.credit_card?.type), raw };
  return { ...status, raw };
}
