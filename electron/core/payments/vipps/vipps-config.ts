export interface VippsConfig {
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subscriptionKey: string;
  readonly merchantSerialNumber: string;
  readonly testMode: boolean;
}

export const VIPPS_TEST_URL = 'https://apitest.vipps.no';
export const VIPPS_PRODUCTION_URL = 'https://api.vipps.no';

export function vippsFromEnvironment(env: NodeJS.ProcessEnv): VippsConfig | null {
  const { KASSA_VIPPS_CLIENT_ID, KASSA_VIPPS_CLIENT_SECRET, KASSA_VIPPS_SUBSCRIPTION_KEY, KASSA_VIPPS_MSN } = env;
  if (!KASSA_VIPPS_CLIENT_ID || !KASSA_VIPPS_CLIENT_SECRET || !KASSA_VIPPS_SUBSCRIPTION_KEY || !KASSA_VIPPS_MSN) {
    return null;
  }
  const testMode = env.KASSA_VIPPS_TEST_MODE !== '0' && env.KASSA_VIPPS_TEST_MODE !== 'false';
  return {
    apiUrl: (env.KASSA_VIPPS_API_URL ?? (testMode ? VIPPS_TEST_URL : VIPPS_PRODUCTION_URL)).replace(/\/+$/, ''),
    clientId: KASSA_VIPPS_CLIENT_ID,
    clientSecret: KASSA_VIPPS_CLIENT_SECRET,
    subscriptionKey: KASSA_VIPPS_SUBSCRIPTION_KEY,
    merchantSerialNumber: KASSA_VIPPS_MSN,
    testMode,
  };
}
