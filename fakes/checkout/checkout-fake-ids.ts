import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Checkout.com-shaped ids: `pay_` + 26 base32, `pl_` + 12, and so on (the specs' patterns). */
export function ckoId(
  prefix: 'pay' | 'act' | 'evt' | 'wf' | 'ent' | 'ca' | 'src' | 'rpt' | 'file',
  length = 26,
): string {
  return `${prefix}_${[...randomBytes(length)].map((b) => BASE32[b % 32]).join('')}`;
}

export function linkId(): string {
  return `pl_${[...randomBytes(12)].map((b) => BASE32[b % 32]).join('')}`;
}

/** Decimal amount as Checkout.com's financial data gives it (up to 8 places). */
export function decimal(minor: number, decimals = 2): number {
  return Number((minor / 10 ** decimals).toFixed(8));
}

/** A payout (settlement) id as Checkout.com shows them: 12 upper-case letters and digits (`00000000CFJU`). */
export function payoutId(): string {
  return [...randomBytes(12)].map((b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 36]).join('');
}

export const ENTITY_ID = 'ent_kassafakeentitykassafake00';
export const CURRENCY_ACCOUNT_ID = 'ca_kassafakecurrencyaccountka';
export const CLIENT_ID = 'cli_kassafakeclientkassafake00';

/**
 * Test amounts (the minor units' last two digits), like the Pay. fake's cents:
 * - …05: the card is declined (response code 20005, "Declined - Do not honour");
 * - …06: the simulated payer never pays (the link runs until it expires);
 * - …07 on a refund: the refund is declined (payment_refund_declined).
 */
export const TEST_AMOUNTS = { declined: 5, neverPays: 6, refundDeclined: 7 } as const;
