import { z } from 'zod';

/** How Kassa proves itself to Checkout.com: a secret key (Bearer), OAuth client credentials, or both. */
export interface CheckoutCredentials {
  /** `sk_sbox_…` (sandbox) or `sk_…` (live): sent as `Authorization: Bearer sk_…`. */
  readonly secretKey: string | null;
  /** OAuth access key (`ack_…`) and its secret, exchanged at `/connect/token` for a Bearer token. */
  readonly oauth: { readonly clientId: string; readonly clientSecret: string; readonly tokenUrl: string } | null;
}

/** What Kassa needs to talk to Checkout.com; resolved from the environment or the (sealed) settings. */
export interface CheckoutConfig extends CheckoutCredentials {
  /** The merchant's base URL (`https://{prefix}.api.sandbox.checkout.com`), or a fake's. */
  readonly apiUrl: string;
  readonly processingChannelId: string | null;
  /** The workflow's webhook signature key (Cko-Signature = hex HMAC-SHA256 of the raw body). */
  readonly webhookSecret: string | null;
  /** The static Authorization header value the workflow sends with every webhook. */
  readonly webhookAuth: string | null;
  readonly sandbox: boolean;
  /** Capture at once (true, Checkout.com's default) or authorise and let Kassa capture (false). */
  readonly capture: boolean;
  /** Where Checkout.com should deliver webhooks (the shop's public URL), if any. */
  readonly callUrl: string | null;
}

export const CHECKOUT_SANDBOX_URL = 'https://api.sandbox.checkout.com';
export const CHECKOUT_LIVE_URL = 'https://api.checkout.com';

/**
 * The scopes Kassa asks for: links and payments, money back, webhooks (flow), financial actions and
 * reports (the payout reports: `reports:view` as the spec's `/reports` and `/reports/{id}/files/…`
 * name it; Kassa does not call `/reports/{id}`, whose file says `reporting:view`, UNCONFIRMED which is live).
 */
export const CHECKOUT_SCOPES = [
  'gateway',
  'gateway:payment',
  'gateway:payment-details',
  'gateway:payment-captures',
  'gateway:payment-refunds',
  'gateway:payment-voids',
  'flow:workflows',
  'flow:events',
  'financial-actions:view',
  'reports:view',
] as const;

/** `sk_sbox_` + 26 base32 (+1), or `sk_` + 26 (+1): the current platform's secret keys. */
export const SECRET_KEY = /^sk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]$/;
export const PROCESSING_CHANNEL = /^pc_\w{26}$/;

const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());

/** KASSA_CHECKOUT_*: parsed with zod like the host's own variables; a bad value stops the start. */
export const CheckoutEnvironment = z
  .object({
    KASSA_CHECKOUT_SECRET_KEY: optional.pipe(z.string().regex(SECRET_KEY, 'sk_sbox_… or sk_… key').optional()),
    KASSA_CHECKOUT_CLIENT_ID: optional,
    KASSA_CHECKOUT_CLIENT_SECRET: optional,
    KASSA_CHECKOUT_API_URL: optional.pipe(z.url().optional()),
    KASSA_CHECKOUT_PROCESSING_CHANNEL_ID: optional.pipe(z.string().regex(PROCESSING_CHANNEL).optional()),
    KASSA_CHECKOUT_WEBHOOK_SECRET: optional,
    KASSA_CHECKOUT_WEBHOOK_AUTH: optional,
    KASSA_CHECKOUT_SANDBOX: optional,
    KASSA_CHECKOUT_CAPTURE: optional,
  })
  .refine((env) => !env.KASSA_CHECKOUT_CLIENT_ID === !env.KASSA_CHECKOUT_CLIENT_SECRET, {
    message: 'KASSA_CHECKOUT_CLIENT_ID and KASSA_CHECKOUT_CLIENT_SECRET go together',
    path: ['KASSA_CHECKOUT_CLIENT_ID'],
  });

export function checkoutFromEnvironment(env: NodeJS.ProcessEnv, callUrl: string | null): CheckoutConfig | null {
  const parsed = CheckoutEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'KASSA_CHECKOUT_*');
    throw new Error(`invalid ${name}: ${issue?.message ?? ''}`.trim());
  }
  const vars = parsed.data;
  const secretKey = vars.KASSA_CHECKOUT_SECRET_KEY ?? null;
  const clientId = vars.KASSA_CHECKOUT_CLIENT_ID ?? null;
  const clientSecret = vars.KASSA_CHECKOUT_CLIENT_SECRET ?? null;
  if (!secretKey && !clientId) return null;
  const sandbox = vars.KASSA_CHECKOUT_SANDBOX
    ? !['0', 'false'].includes(vars.KASSA_CHECKOUT_SANDBOX)
    : secretKey
      ? secretKey.startsWith('sk_sbox_')
      : true;
  const apiUrl = trimSlash(vars.KASSA_CHECKOUT_API_URL ?? (sandbox ? CHECKOUT_SANDBOX_URL : CHECKOUT_LIVE_URL));
  return {
    apiUrl,
    secretKey,
    oauth: clientId && clientSecret ? { clientId, clientSecret, tokenUrl: tokenUrlFor(apiUrl) } : null,
    processingChannelId: vars.KASSA_CHECKOUT_PROCESSING_CHANNEL_ID ?? null,
    webhookSecret: vars.KASSA_CHECKOUT_WEBHOOK_SECRET ?? null,
    webhookAuth: vars.KASSA_CHECKOUT_WEBHOOK_AUTH ?? null,
    sandbox,
    capture: !['0', 'false'].includes(vars.KASSA_CHECKOUT_CAPTURE ?? '1'),
    callUrl,
  };
}

/**
 * The OAuth token endpoint that goes with a base URL: `{prefix}.api.(sandbox.)checkout.com` →
 * `{prefix}.access.(sandbox.)checkout.com/connect/token` (legacy hosts: `access.(sandbox.)checkout.com`);
 * anything else (a fake, a proxy) serves `/connect/token` itself.
 */
export function tokenUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (/(^|\.)api\.(sandbox\.)?checkout\.com$/.test(url.hostname)) {
    url.hostname = url.hostname.replace(/(^|\.)api\./, '$1access.');
    return `${url.origin}/connect/token`;
  }
  return `${trimSlash(apiUrl)}/connect/token`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
