/** What Kassa needs to talk to Pay.; resolved from the environment or the app's (sealed) settings. */
export interface PayNlConfig {
  readonly connectUrl: string;
  readonly restUrl: string;
  /** AT-xxxx-xxxx and its API token: needed for the terminal list and terminal refunds. */
  readonly tokenCode: string | null;
  readonly apiToken: string | null;
  /** SL-xxxx-xxxx: the sales location orders are created for; its secret is an alternative credential. */
  readonly serviceId: string;
  readonly serviceSecret: string | null;
  readonly testMode: boolean;
  /** Where Pay. should send exchange calls for each order (the shop's public URL), if any. */
  readonly exchangeUrl: string | null;
}

export const PAYNL_DEFAULT_CONNECT_URL = 'https://connect.pay.nl';
export const PAYNL_DEFAULT_REST_URL = 'https://rest.pay.nl';

export function payNlFromEnvironment(env: NodeJS.ProcessEnv): Omit<PayNlConfig, 'exchangeUrl'> | null {
  const serviceId = env.KASSA_PAYNL_SERVICE_ID;
  if (!serviceId) return null;
  return {
    connectUrl: trimSlash(env.KASSA_PAYNL_CONNECT_URL ?? PAYNL_DEFAULT_CONNECT_URL),
    restUrl: trimSlash(env.KASSA_PAYNL_REST_URL ?? PAYNL_DEFAULT_REST_URL),
    tokenCode: env.KASSA_PAYNL_TOKEN_CODE ?? null,
    apiToken: env.KASSA_PAYNL_API_TOKEN ?? null,
    serviceId,
    serviceSecret: env.KASSA_PAYNL_SERVICE_SECRET ?? null,
    testMode: env.KASSA_PAYNL_TEST_MODE === '1' || env.KASSA_PAYNL_TEST_MODE === 'true',
  };
}

/** HTTP Basic: the AT code with its token, else the SL code with its secret. */
export function basicAuth(config: PayNlConfig, prefer: 'token' | 'service' = 'token'): string {
  const token = config.tokenCode && config.apiToken ? [config.tokenCode, config.apiToken] : null;
  const service = config.serviceSecret ? [config.serviceId, config.serviceSecret] : null;
  const pair = prefer === 'token' ? (token ?? service) : (service ?? token);
  if (!pair) throw new Error('Pay. credentials are incomplete');
  return `Basic ${Buffer.from(`${pair[0]}:${pair[1]}`).toString('base64')}`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Where a Pay. request goes: the Order API (connect.pay.nl) or the REST API (rest.pay.nl). */
export interface PayUrl {
  readonly api: 'connect' | 'rest';
  readonly path: string;
}
