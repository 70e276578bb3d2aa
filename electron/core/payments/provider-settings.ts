import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { ConfigurePayNlInput, ConfigureVippsInput, ProviderSettings } from '../../../shared/api/schemas';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import { WEBHOOK_PATHS } from '../webhooks/webhook-server';
import {
  PAYNL_DEFAULT_CONNECT_URL,
  PAYNL_DEFAULT_REST_URL,
  type PayNlConfig,
  payNlFromEnvironment,
  trimSlash,
} from './paynl/paynl-config';
import { VIPPS_PRODUCTION_URL, VIPPS_TEST_URL, type VippsConfig, vippsFromEnvironment } from './vipps/vipps-config';

const StoredPayNl = z.object({
  tokenCode: z.string(),
  serviceId: z.string(),
  testMode: z.boolean(),
  apiToken: z.string().nullable(),
  serviceSecret: z.string().nullable(),
});
const StoredVipps = z.object({
  clientId: z.string(),
  merchantSerialNumber: z.string(),
  testMode: z.boolean(),
  clientSecret: z.string().nullable(),
  subscriptionKey: z.string().nullable(),
});

/**
 * Provider credentials: environment variables (scripted installs) win over what a manager typed in
 * Settings, which is stored sealed. Secrets are read here and handed to the adapters; the renderer
 * only ever learns whether one is set.
 */
export function createProviderSettings(deps: {
  settings: SettingsRepository;
  secrets: SecretCipher;
  env: NodeJS.ProcessEnv;
  webhookPublicUrl: string | null;
  webhookListening: () => boolean;
  demoVipps: () => VippsConfig | null;
  demoPayNl?: () => PayNlConfig | null;
}) {
  const { settings, secrets, env } = deps;
  const envPayNl = payNlFromEnvironment(env);
  const envVipps = vippsFromEnvironment(env);
  const open = (sealed: string | null) => (sealed ? secrets.open(sealed) : null);

  const storedPayNl = () => {
    const raw = settings.get('paynl.config');
    return raw ? StoredPayNl.parse(JSON.parse(raw)) : null;
  };
  const storedVipps = () => {
    const raw = settings.get('vipps.config');
    return raw ? StoredVipps.parse(JSON.parse(raw)) : null;
  };
  const exchangeUrl = deps.webhookPublicUrl ? `${trimSlash(deps.webhookPublicUrl)}${WEBHOOK_PATHS.paynl}` : null;

  function payNl(): PayNlConfig | null {
    if (envPayNl) return { ...envPayNl, exchangeUrl };
    const stored = storedPayNl();
    if (!stored) return deps.demoPayNl?.() ?? null;
    return {
      connectUrl: PAYNL_DEFAULT_CONNECT_URL,
      restUrl: PAYNL_DEFAULT_REST_URL,
      tokenCode: stored.tokenCode,
      apiToken: open(stored.apiToken),
      serviceId: stored.serviceId,
      serviceSecret: open(stored.serviceSecret),
      testMode: stored.testMode,
      exchangeUrl,
    };
  }

  function vipps(): VippsConfig | null {
    if (envVipps) return envVipps;
    const stored = storedVipps();
    const clientSecret = open(stored?.clientSecret ?? null);
    const subscriptionKey = open(stored?.subscriptionKey ?? null);
    if (stored && clientSecret && subscriptionKey) {
      return {
        apiUrl: stored.testMode ? VIPPS_TEST_URL : VIPPS_PRODUCTION_URL,
        clientId: stored.clientId,
        clientSecret,
        subscriptionKey,
        merchantSerialNumber: stored.merchantSerialNumber,
        testMode: stored.testMode,
      };
    }
    return deps.demoVipps();
  }

  function view(): ProviderSettings {
    const p = envPayNl ?? storedPayNl();
    const v = envVipps ?? storedVipps();
    const pay = payNl();
    const vip = vipps();
    return {
      paynl: {
        source: envPayNl ? 'environment' : p ? 'settings' : pay ? 'demo' : 'none',
        tokenCode: p?.tokenCode ?? pay?.tokenCode ?? null,
        serviceId: p?.serviceId ?? pay?.serviceId ?? null,
        testMode: p?.testMode ?? pay?.testMode ?? true,
        apiTokenSet: Boolean(pay?.apiToken),
        serviceSecretSet: Boolean(pay?.serviceSecret),
      },
      vipps: {
        source: envVipps ? 'environment' : storedVipps() ? 'settings' : vip ? 'demo' : 'none',
        clientId: v?.clientId ?? vip?.clientId ?? null,
        merchantSerialNumber: v?.merchantSerialNumber ?? vip?.merchantSerialNumber ?? null,
        testMode: v?.testMode ?? vip?.testMode ?? true,
        clientSecretSet: Boolean(vip?.clientSecret),
        subscriptionKeySet: Boolean(vip?.subscriptionKey),
      },
      webhooks: { listening: deps.webhookListening(), publicUrl: deps.webhookPublicUrl },
    };
  }

  /** Real credentials are configured (environment or Settings), complete or not: the demo must go. */
  function configuredByShop(): { payNl: boolean; vipps: boolean } {
    return {
      payNl: envPayNl !== null || storedPayNl() !== null,
      vipps: envVipps !== null || storedVipps() !== null,
    };
  }

  return {
    payNl,
    vipps,
    view,
    configuredByShop,
    configurePayNl(input: ConfigurePayNlInput): ProviderSettings {
      if (envPayNl) throw new ApiError('providers_from_environment', 'Pay. is set by environment variables');
      const before = storedPayNl();
      settings.set(
        'paynl.config',
        JSON.stringify({
          tokenCode: input.tokenCode,
          serviceId: input.serviceId,
          testMode: input.testMode,
          apiToken: input.apiToken ? secrets.seal(input.apiToken) : (before?.apiToken ?? null),
          serviceSecret: input.serviceSecret ? secrets.seal(input.serviceSecret) : (before?.serviceSecret ?? null),
        }),
      );
      return view();
    },
    configureVipps(input: ConfigureVippsInput): ProviderSettings {
      if (envVipps) throw new ApiError('providers_from_environment', 'MobilePay is set by environment variables');
      const before = storedVipps();
      settings.set(
        'vipps.config',
        JSON.stringify({
          clientId: input.clientId,
          merchantSerialNumber: input.merchantSerialNumber,
          testMode: input.testMode,
          clientSecret: input.clientSecret ? secrets.seal(input.clientSecret) : (before?.clientSecret ?? null),
          subscriptionKey: input.subscriptionKey
            ? secrets.seal(input.subscriptionKey)
            : (before?.subscriptionKey ?? null),
        }),
      );
      return view();
    },
  };
}

export type ProviderSettingsService = ReturnType<typeof createProviderSettings>;
