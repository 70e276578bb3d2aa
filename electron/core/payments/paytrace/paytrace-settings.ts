import { z } from 'zod';
import { type ProviderSettingsDefinition, SecretInput } from '../provider-module';
import {
  PAYTRACE_PRODUCTION_URL,
  PAYTRACE_SANDBOX_URL,
  type PayTraceConfig,
  payTraceFromEnvironment,
} from './paytrace-config';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What Settings shows of PayTrace and what a manager may save; the password is sealed at rest. */
export const payTraceSettings: ProviderSettingsDefinition<PayTraceConfig> = {
  title: {
    en: 'PayTrace (US cards and bank accounts on file)',
    nl: 'PayTrace (VS: kaarten en bankrekeningen in bewaring)',
  },
  fields: [
    {
      name: 'username',
      kind: 'text',
      label: { en: 'API user', nl: 'API-gebruiker' },
      required: true,
      env: ['KASSA_PAYTRACE_USERNAME'],
    },
    {
      name: 'password',
      kind: 'secret',
      label: { en: 'API user password', nl: 'Wachtwoord API-gebruiker' },
      required: true,
      env: ['KASSA_PAYTRACE_PASSWORD'],
    },
    {
      name: 'integratorId',
      kind: 'text',
      label: { en: 'Integrator id', nl: 'Integrator-id' },
      required: true,
      env: ['KASSA_PAYTRACE_INTEGRATOR_ID'],
    },
    {
      name: 'sandbox',
      kind: 'boolean',
      label: { en: 'Sandbox (api.sandbox.paytrace.com)', nl: 'Sandbox (api.sandbox.paytrace.com)' },
      required: true,
      env: ['KASSA_PAYTRACE_API_URL'],
    },
  ],
  input: z
    .object({
      username: z.string().trim().min(1).max(100),
      integratorId: z.string().trim().min(1).max(50),
      sandbox: z.boolean(),
      password: SecretInput.optional(),
    })
    .strict(),
  fromEnvironment: (env) => payTraceFromEnvironment(env),
  fromValues(values) {
    const username = text(values.username);
    const password = text(values.password);
    const integratorId = text(values.integratorId);
    if (!username || !password || !integratorId) return null;
    const sandbox = values.sandbox === true;
    return {
      apiUrl: sandbox ? PAYTRACE_SANDBOX_URL : PAYTRACE_PRODUCTION_URL,
      username,
      password,
      integratorId,
      sandbox,
    };
  },
  toValues: (config) => ({
    username: config.username,
    password: config.password,
    integratorId: config.integratorId,
    sandbox: config.sandbox,
  }),
  // The demo's fake has made-up credentials: a manager starts from an empty form.
  demoValuesShown: false,
};
