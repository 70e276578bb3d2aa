import { z } from 'zod';
import type { FieldDescriptor } from '../../../../shared/api/settings-schemas';
import { type ProviderSettingsDefinition, SecretInput } from '../provider-module';
import {
  CHECKOUT_LIVE_URL,
  CHECKOUT_SANDBOX_URL,
  type CheckoutConfig,
  checkoutFromEnvironment,
  PROCESSING_CHANNEL,
  SECRET_KEY,
  tokenUrlFor,
  trimSlash,
} from './checkout-config';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

const field = (
  name: string,
  kind: FieldDescriptor['kind'],
  en: string,
  nl: string,
  env: string[],
  required = false,
): FieldDescriptor => ({ name, kind, label: { en, nl }, required, env });

/** What Settings shows of Checkout.com and what a manager may save; secrets are sealed at rest. */
export const checkoutSettings: ProviderSettingsDefinition<CheckoutConfig> = {
  title: { en: 'Checkout.com (pay links)', nl: 'Checkout.com (betaallinks)' },
  fields: [
    field('secretKey', 'secret', 'Secret key (sk_…)', 'Geheime sleutel (sk_…)', ['KASSA_CHECKOUT_SECRET_KEY']),
    field('clientId', 'text', 'OAuth client id (ack_…)', 'OAuth-client-id (ack_…)', ['KASSA_CHECKOUT_CLIENT_ID']),
    field('clientSecret', 'secret', 'OAuth client secret', 'OAuth-clientgeheim', ['KASSA_CHECKOUT_CLIENT_SECRET']),
    field('apiUrl', 'url', 'API base URL ({prefix}.api…)', 'API-basis-URL ({prefix}.api…)', ['KASSA_CHECKOUT_API_URL']),
    field('processingChannelId', 'text', 'Processing channel (pc_…)', 'Verwerkingskanaal (pc_…)', [
      'KASSA_CHECKOUT_PROCESSING_CHANNEL_ID',
    ]),
    field('webhookSecret', 'secret', 'Webhook signature key', 'Handtekeningsleutel webhooks', [
      'KASSA_CHECKOUT_WEBHOOK_SECRET',
    ]),
    field('webhookAuth', 'secret', 'Webhook Authorization header', 'Authorization-header webhooks', [
      'KASSA_CHECKOUT_WEBHOOK_AUTH',
    ]),
    field('capture', 'boolean', 'Capture at once', 'Direct afschrijven', ['KASSA_CHECKOUT_CAPTURE'], true),
    field('sandbox', 'boolean', 'Sandbox', 'Sandbox', ['KASSA_CHECKOUT_SANDBOX'], true),
  ],
  input: z
    .object({
      clientId: z.string().trim().min(8).max(100).optional(),
      apiUrl: z.url().max(200).optional(),
      processingChannelId: z.string().regex(PROCESSING_CHANNEL, 'pc_ and 26 characters').optional(),
      capture: z.boolean(),
      sandbox: z.boolean(),
      secretKey: SecretInput.regex(SECRET_KEY, 'sk_sbox_… or sk_…').optional(),
      clientSecret: SecretInput.optional(),
      webhookSecret: SecretInput.optional(),
      webhookAuth: SecretInput.optional(),
    })
    .strict(),
  fromEnvironment: (env, context) => checkoutFromEnvironment(env, context.callUrl),
  fromValues(values, context) {
    const secretKey = text(values.secretKey);
    const clientId = text(values.clientId);
    const clientSecret = text(values.clientSecret);
    // Without a key or a complete OAuth client Checkout.com cannot be asked anything.
    if (!secretKey && !(clientId && clientSecret)) return null;
    const sandbox = values.sandbox !== false;
    const apiUrl = trimSlash(text(values.apiUrl) ?? (sandbox ? CHECKOUT_SANDBOX_URL : CHECKOUT_LIVE_URL));
    return {
      apiUrl,
      secretKey,
      oauth: clientId && clientSecret ? { clientId, clientSecret, tokenUrl: tokenUrlFor(apiUrl) } : null,
      processingChannelId: text(values.processingChannelId),
      webhookSecret: text(values.webhookSecret),
      webhookAuth: text(values.webhookAuth),
      sandbox,
      capture: values.capture !== false,
      callUrl: context.callUrl,
    };
  },
  toValues: (config) => ({
    secretKey: config.secretKey,
    clientId: config.oauth?.clientId ?? null,
    clientSecret: config.oauth?.clientSecret ?? null,
    apiUrl: config.apiUrl,
    processingChannelId: config.processingChannelId,
    webhookSecret: config.webhookSecret,
    webhookAuth: config.webhookAuth,
    capture: config.capture,
    sandbox: config.sandbox,
  }),
  // As for Vipps: the demo fake's keys are made up, so a manager starts from an empty form.
  demoValuesShown: false,
};
