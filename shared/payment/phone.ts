/**
 * MobilePay/Vipps want the customer's number as an MSISDN: country code and subscriber number,
 * digits only, no `+` or `00`. Kassa offers MobilePay for Denmark, Norway and Finland.
 */
const COUNTRIES = [
  { code: '45', country: 'DK', subscriberDigits: [8, 8] },
  { code: '47', country: 'NO', subscriberDigits: [8, 8] },
  { code: '358', country: 'FI', subscriberDigits: [7, 10] },
] as const;

export type MobilePayCountry = (typeof COUNTRIES)[number]['country'];

export type PhoneCheck =
  | { readonly ok: true; readonly msisdn: string; readonly country: MobilePayCountry }
  | { readonly ok: false; readonly error: 'phone_invalid' | 'phone_country' };

export function normalizeMobilePayPhone(input: string): PhoneCheck {
  const compact = input.replace(/[\s().-]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return { ok: false, error: 'phone_invalid' };
  const digits = compact.replace(/^(\+|00)/, '');
  const hadPrefix = digits !== compact;
  for (const c of COUNTRIES) {
    if (!digits.startsWith(c.code)) continue;
    const subscriber = digits.length - c.code.length;
    if (subscriber < c.subscriberDigits[0] || subscriber > c.subscriberDigits[1]) {
      return { ok: false, error: 'phone_invalid' };
    }
    return { ok: true, msisdn: digits, country: c.country };
  }
  // A local number without country code is ambiguous at a counter that serves several countries.
  return { ok: false, error: hadPrefix || digits.length > 8 ? 'phone_country' : 'phone_invalid' };
}
