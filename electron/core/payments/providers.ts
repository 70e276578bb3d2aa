import type { DiscoveredTerminalDto } from '../../../shared/api/schemas';
import type { CallHandler } from '../webhooks/incoming';
import type { PaymentLedger } from './payment-ledger';
import type { PaymentTracker } from './payment-tracker';
import type { ProviderDeps, ProviderInstance, ProviderModule } from './provider-module';
import { createProviderRegistry } from './provider-registry';
import { createProviderSettings } from './provider-settings';

/** What the engine hands the registry: the modules' common needs, plus where settings come from. */
export type ProvidersDeps = Omit<ProviderDeps<unknown>, 'config' | 'ledger' | 'tracker'> & {
  readonly env: NodeJS.ProcessEnv;
  readonly webhookPublicUrl: string | null;
  readonly webhookListening: () => boolean;
  /** The demo's config for a provider (its wire-level fake) while the demo is on; else null. */
  readonly demoConfig?: (providerId: string) => unknown;
};

/**
 * Runs every registered provider module: their settings (one service), their adapters (one
 * registry), their provider calls (one route table) and their terminal discovery. The engine makes
 * this one call and never names a provider.
 */
export function createProviders(modules: readonly ProviderModule[], deps: ProvidersDeps) {
  assertUniqueIds(modules);
  let ledger: PaymentLedger | null = null;
  let tracker: PaymentTracker | null = null;
  const instances = new Map<string, ProviderInstance>();
  const settings = createProviderSettings({
    modules,
    settings: deps.settings,
    secrets: deps.secrets,
    env: deps.env,
    webhookPublicUrl: deps.webhookPublicUrl,
    webhookListening: deps.webhookListening,
    demoConfig: deps.demoConfig,
    discoversTerminals: (providerId) => instances.get(providerId)?.discovery !== undefined,
  });
  for (const module of modules) {
    const instance = module.create({
      ...deps,
      config: () => (module.settings ? settings.config(module.id) : null),
      ledger: () => required(ledger, 'ledger'),
      tracker: () => required(tracker, 'tracker'),
    });
    if (instance) instances.set(module.id, instance);
  }
  const running = [...instances.values()];
  // Credentials removed: that provider's open payments are shown for a manager to decide, not polled.
  const registry = createProviderRegistry(
    running.map((instance) => instance.provider),
    {
      configured: (id) => !modules.find((m) => m.id === id)?.settings || settings.config(id) !== null,
    },
  );
  const names = new Map(running.flatMap((instance) => (instance.knownTerminals ?? []).map((t) => [t.id, t.name])));
  const callRoutes: Record<string, CallHandler> = Object.fromEntries(
    running.flatMap((instance) => (instance.calls ? [[instance.calls.path, instance.calls.handler]] : [])),
  );
  const discoveries = running.flatMap((instance) => (instance.discovery ? [instance.discovery] : []));
  const publicUrl = deps.webhookPublicUrl?.replace(/\/+$/, '') ?? null;

  return {
    registry,
    settings,
    /** The provider-call listener's routes: path → handler. */
    callRoutes,
    /** Once the ledger and tracker exist (they need the registry): provider calls can be handled. */
    attach(parts: { ledger: PaymentLedger; tracker: PaymentTracker }): void {
      ledger = parts.ledger;
      tracker = parts.tracker;
    },
    /** A terminal's name as last listed, else as known without asking (offline, old payments). */
    terminalName: (terminalId: string): string => registry.nameOf(terminalId) ?? names.get(terminalId) ?? terminalId,
    async discoverTerminals(): Promise<DiscoveredTerminalDto[]> {
      return (await Promise.all(discoveries.map((d) => d.discover()))).flat();
    },
    setTerminalConnection(terminalId: string, connection: 'cloud' | 'lan'): void {
      for (const discovery of discoveries) discovery.setConnection(terminalId, connection);
    },
    /** Each provider's settlement data (reconciliation's import reads every one the same way). */
    settlementSources: () =>
      [...instances].flatMap(([provider, i]) => (i.settlements ? [{ provider, source: i.settlements }] : [])),
    /** Each provider's own figures for a day window (the X/Z report's "provider reports"). */
    dayTotalSources: () =>
      [...instances].flatMap(([provider, i]) => (i.dayTotals ? [{ provider, source: i.dayTotals }] : [])),
    /** After recovery: each provider's own start (e.g. registering its webhook at the public URL). */
    async start(): Promise<void> {
      for (const instance of running) {
        const callUrl = publicUrl && instance.calls ? `${publicUrl}${instance.calls.path}` : null;
        await instance.start?.({ callUrl });
      }
    },
    /** Resolves when no provider has background work running (tests await it instead of sleeping). */
    async idle(): Promise<void> {
      for (const instance of running) await instance.idle?.();
    },
    async close(): Promise<void> {
      for (const instance of running) await instance.close?.();
    },
  };
}

export type Providers = ReturnType<typeof createProviders>;

function assertUniqueIds(modules: readonly ProviderModule[]): void {
  const seen = new Set<string>();
  for (const module of modules) {
    if (seen.has(module.id)) throw new Error(`two provider modules share the id ${module.id}`);
    seen.add(module.id);
  }
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`provider call before the ${what} was attached`);
  return value;
}
