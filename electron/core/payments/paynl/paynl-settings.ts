import { z } from 'zod';
import { type ProviderSettingsDefinition, SecretInput } from '../provider-module';
import {
  PAYNL_DEFAULT_CONNECT_URL,
  PAYNL_DEFAULT_REST_URL,
  type PayNlConfig,
  payNlFromEnvironment,
} from './paynl-config';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What Settings shows of Pay. and what a manager may save (AT/SL codes, their secrets, test mode). */
export const payNlSettings: ProviderSettingsDefinition<PayNlConfig> = {
  title: { en: 'Pay. (card terminals)', nl: 'Pay. (pinterminals)' },
  fields: [
    {
      name: 'tokenCode',
      kind: 'text',
      label: { en: 'Token code (AT-xxxx-xxxx)', nl: 'Tokencode (AT-xxxx-xxxx)' },
      required: true,
      env: ['KASSA_PAYNL_TOKEN_CODE'],
    },
    {
      name: 'apiToken',
      kind: 'secret',
      label: { en: 'API token', nl: 'API-token' },
      required: false,
      env: ['KASSA_PAYNL_API_TOKEN'],
    },
    {
      name: 'serviceId',
      kind: 'text',
      label: { en: 'Sales location (SL-xxxx-xxxx)', nl: 'Verkooplocatie (SL-xxxx-xxxx)' },
      required: true,
      env: ['KASSA_PAYNL_SERVICE_ID'],
    },
    {
      name: 'serviceSecret',
      kind: 'secret',
      label: { en: 'Sales location secret', nl: 'Geheim van de verkooplocatie' },
      required: false,
      env: ['KASSA_PAYNL_SERVICE_SECRET'],
    },
    {
      name: 'testMode',
      kind: 'boolean',
      label: { en: 'Test environment', nl: 'Testomgeving' },
      required: true,
      env: ['KASSA_PAYNL_TEST_MODE'],
    },
  ],
  input: z
    .object({
      tokenCode: z.string().regex(/^AT-\d{4}-\d{4}$/, 'AT-1234-5678'),
      serviceId: z.string().regex(/^SL-\d{4}-\d{4}$/, 'SL-1234-5678'),
      testMode: z.boolean(),
      apiToken: SecretInput.optional(),
      serviceSecret: SecretInput.optional(),
    })
    .strict(),
  fromEnvironment(env, context) {
    const fromEnv = payNlFromEnvironment(env);
    return fromEnv ? { ...fromEnv, exchangeUrl: context.callUrl } : null;
  },
  fromValues(values, context) {
    const serviceId = text(values.serviceId);
    if (!serviceId) return null;
    return {
      connectUrl: PAYNL_DEFAULT_CONNECT_URL,
      restUrl: PAYNL_DEFAULT_REST_URL,
      tokenCode: text(values.tokenCode),
      apiToken: text(values.apiToken),
      serviceId,
      serviceSecret: text(values.serviceSecret),
      testMode: values.testMode === true,
      exchangeUrl: context.callUrl,
    };
  },
  toValues: (config) => ({
    tokenCode: config.tokenCode,
    apiToken: config.apiToken,
    serviceId: config.serviceId,
    serviceSecret: config.serviceSecret,
    testMode: config.testMode,
  }),
  demoValuesShown: true,
};
