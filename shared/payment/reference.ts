import { z } from 'zod';

/**
 * References that Kassa sends to providers. One format that every provider accepts, so the same
 * attempt can be traced in any portal: Pay.'s Order API takes letters and digits only, Vipps wants
 * `[a-zA-Z0-9-]{8,50}`, Checkout.com ≤ 50 (Amex ≤ 30). So: letters and digits, 8–30 characters.
 */
export const PROVIDER_REFERENCE = /^[A-Za-z0-9]{8,30}$/;

/** A station id goes into every reference and the back-office's `Kassa-Station` header. */
export const STATION_ID = /^[A-Za-z0-9]{1,8}$/;

export const StationIdSchema = z
  .string()
  .trim()
  .regex(STATION_ID, 'station id: 1 to 8 letters or digits (e.g. C1), no spaces, dashes or underscores');

export function isStationId(value: string): boolean {
  return STATION_ID.test(value);
}

/**
 * `KS` + station + the payment id without its `P-` and dashes (`P-20261201114800-ABC123` on
 * station C1 → `KSC120261201114800ABC123`): unique per attempt because the payment id is, and
 * traceable back to it by eye or by the `reference` column. 2 + 8 + 20 = 30 at the longest.
 */
export function attemptReference(stationId: string, paymentId: string): string {
  return checked(`KS${stationId}${compact(paymentId.replace(/^P-/, ''))}`);
}

/** `RF` + the refund id without dashes. */
export function refundReference(refundId: string): string {
  return checked(`RF${compact(refundId)}`);
}

function compact(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, '');
}

function checked(reference: string): string {
  if (!PROVIDER_REFERENCE.test(reference)) {
    throw new Error(`reference ${reference} breaks the providers' rules (letters and digits, 8–30)`);
  }
  return reference;
}
