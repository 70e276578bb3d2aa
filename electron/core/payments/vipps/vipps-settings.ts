import { z } from 'zod';
import { type ProviderSettingsDefinition, SecretInput } from '../provider-module';
import { VIPPS_PRODUCTION_URL, VIPPS_TEST_URL, type VippsConfig, vippsFromEnvironment } from './vipps-config';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What Settings shows of Vipps MobilePay and what a manager may save. */
export const vippsSettings: ProviderSettingsDefinition<VippsConfig> = {
  title: { en: 'Vipps MobilePay', nl: 'Vipps MobilePay' },
  fields: [
    {
      name: 'clientId',
      kind: 'text',
      label: { en: 'Client id', nl: 'Client-id' },
      required: true,
      env: ['KASSA_VIPPS_CLIENT_ID'],
    },
    {
      name: 'clientSecret',
      kind: 'secret',
      label: { en: 'Client secret', nl: 'Client-secret' },
      required: true,
      env: ['KASSA_VIPPS_CLIENT_SECRET'],
    },
    {
      name: 'subscriptionKey',
      kind: 'secret',
      label: { en: 'Subscription key (Ocp-Apim)', nl: 'Subscription key (Ocp-Apim)' },
      required: true,
      env: ['KASSA_VIPPS_SUBSCRIPTION_KEY'],
    },
    {
      name: 'merchantSerialNumber',
      kind: 'text',
      label: { en: 'Merchant serial number', nl: 'Merchant serial number (MSN)' },
      required: true,
      env: ['KASSA_VIPPS_MSN'],
    },
    {
      name: 'testMode',
      kind: 'boolean',
      label: { en: 'Test environment', nl: 'Testomgeving' },
      required: true,
      env: ['KASSA_VIPPS_TEST_MODE'],
    },
  ],
  input: z
    .object({
      clientId: z.string().trim().min(8).max(100),
      merchantSerialNumber: z.string().regex(/^\d{4,6}$/, '4 to 6 digits'),
      testMode: z.boolean(),
      clientSecret: SecretInput.optional(),
      subscriptionKey: SecretInput.optional(),
    })
    .strict(),
  fromEnvironment: (env) => vippsFromEnvironment(env),
  fromValues(values) {
    const clientId = text(values.clientId);
    const clientSecret = text(values.clientSecret);
    const subscriptionKey = text(values.subscriptionKey);
    const merchantSerialNumber = text(values.merchantSerialNumber);
    // Both secrets are needed to ask Vipps anything: until then the demo's fake (if any) stays.
    if (!clientId || !clientSecret || !subscriptionKey || !merchantSerialNumber) return null;
    const testMode = values.testMode === true;
    return {
      apiUrl: testMode ? VIPPS_TEST_URL : VIPPS_PRODUCTION_URL,
      clientId,
      clientSecret,
      subscriptionKey,
      merchantSerialNumber,
      testMode,
    };
  },
  toValues: (config) => ({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    subscriptionKey: config.subscriptionKey,
    merchantSerialNumber: config.merchantSerialNumber,
    testMode: config.testMode,
  }),
  // The demo's MobilePay fake has made-up credentials: a manager starts from an empty form.
  demoValuesShown: false,
};
