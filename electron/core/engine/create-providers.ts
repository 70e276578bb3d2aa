import { ECR_TCP_PORT } from '../payments/paynl/ecr/ecr-messages';
import { createLanOrderGuard } from '../payments/paynl/ecr/ecr-order-guard';
import { createEcrSettings } from '../payments/paynl/ecr/ecr-settings';
import { createPayNlProvider } from '../payments/paynl/paynl-provider';
import { createProviderRegistry } from '../payments/provider-registry';
import { createProviderSettings } from '../payments/provider-settings';
import { SANDBOX_TERMINALS } from '../payments/sandbox/sandbox-provider';
import { createVippsClient } from '../payments/vipps/vipps-client';
import { createVippsProvider } from '../payments/vipps/vipps-provider';
import { createVippsWebhookRegistry } from '../payments/vipps/vipps-webhook-registration';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { DemoSwitch } from './demo-switch';
import type { EngineConfig, EngineLog } from './engine-config';
import type { Repositories } from './open-repositories';

/**
 * The payment providers and their settings: Pay. (cloud and LAN), Vipps MobilePay, and the demo's
 * providers where the host gave them. The one place that names providers while engine wiring is
 * still per provider (a provider registry replaces this block).
 */
export function createProviders(deps: {
  config: EngineConfig;
  repos: Repositories;
  secrets: SecretCipher;
  demo: DemoSwitch;
  log: EngineLog;
  webhookListening: () => boolean;
  /** A live event from a LAN terminal: show it now, not at the next poll. */
  onLanEvent: (reference: string) => void;
  /** Evidence the LAN order guard writes on a payment. */
  notePayment: (paymentId: string, event: string, detail: unknown) => void;
}) {
  const { config, repos, secrets, demo, log } = deps;
  const { settings, payments, unmatched } = repos;
  const providerSettings = createProviderSettings({
    settings,
    secrets,
    env: config.env ?? {},
    webhookPublicUrl: config.webhooks?.publicUrl ?? null,
    webhookListening: deps.webhookListening,
    demoVipps: demo.vippsConfig,
    demoPayNl: demo.payNlConfig,
  });
  const ecrSettings = createEcrSettings({
    settings,
    discovery: {
      address: config.ecr?.discoveryAddress,
      port: config.ecr?.discoveryPort,
      timeoutMs: config.ecr?.discoveryAddress ? 500 : 3_000,
    },
  });
  const paynl = createPayNlProvider({
    config: providerSettings.payNl,
    pollIntervalMs: config.providerPollMs?.paynl,
    log: (message) => log(message),
    lan: {
      mode: ecrSettings.mode,
      address: ecrSettings.address,
      port: config.ecr?.tcpPort ?? ECR_TCP_PORT,
      onEvent: deps.onLanEvent,
      guard: createLanOrderGuard({ payments, unmatched, note: deps.notePayment }),
    },
  });
  const vippsClient = createVippsClient({ config: providerSettings.vipps, systemVersion: config.version ?? '0.0.0' });
  const vipps = createVippsProvider({
    client: vippsClient,
    configured: () => providerSettings.vipps() !== null,
    pollIntervalMs: config.providerPollMs?.vipps,
    firstPollDelayMs: config.providerPollMs?.vippsFirst,
  });
  const vippsWebhooks = createVippsWebhookRegistry({ client: vippsClient, settings, secrets });
  // Credentials removed: that provider's open payments are shown for a manager to decide, not polled.
  const credentialsFor: Record<string, () => unknown> = {
    paynl: providerSettings.payNl,
    vipps: providerSettings.vipps,
  };
  const registry = createProviderRegistry([...demo.providers(), paynl, vipps], {
    configured: (id) => (credentialsFor[id] ? credentialsFor[id]() !== null : true),
  });
  // Names of terminals no provider lists any more (demo off, credentials removed), for old payments.
  const terminalNames = new Map<string, string>(SANDBOX_TERMINALS.map((t) => [t.id, t.name]));
  terminalNames.set('mobilepay', 'MobilePay');
  const terminalName = (id: string): string | undefined => terminalNames.get(id);
  return { providerSettings, ecrSettings, paynl, vipps, vippsWebhooks, registry, terminalName };
}

export type Providers = ReturnType<typeof createProviders>;
