import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type {
  ProviderSettingsList,
  ProviderSettingsView,
  SaveProviderSettingsInput,
} from '../../../shared/api/schemas';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { ConfigContext, ProviderModule, ProviderSettingsDefinition, SettingValues } from './provider-module';

type Source = ProviderSettingsView['source'];
/** Saved values: non-secret fields as typed, secrets sealed (null: none saved). */
const Stored = z.record(z.string(), z.union([z.string(), z.boolean(), z.null()]));

/**
 * Provider settings for every registered module: environment variables (scripted installs) win over
 * what a manager typed in Settings, which is stored under `<id>.config` with secrets sealed. Secrets
 * are opened here and handed to the adapters; the renderer only ever learns whether one is set.
 */
export function createProviderSettings(deps: {
  modules: readonly ProviderModule[];
  settings: SettingsRepository;
  secrets: SecretCipher;
  env: NodeJS.ProcessEnv;
  webhookPublicUrl: string | null;
  webhookListening: () => boolean;
  /** The demo's config for a provider (its wire-level fake) while the demo is on; else null. */
  demoConfig?: (providerId: string) => unknown;
  /** The provider finds terminals on the shop network (its form offers discovery). */
  discoversTerminals?: (providerId: string) => boolean;
}) {
  const { settings, secrets } = deps;
  const withSettings = deps.modules.flatMap((module) =>
    module.settings ? [{ id: module.id, def: module.settings, callPath: module.callPath }] : [],
  );
  const context = (callPath: string | undefined): ConfigContext => ({
    callUrl: deps.webhookPublicUrl && callPath ? `${deps.webhookPublicUrl.replace(/\/+$/, '')}${callPath}` : null,
  });
  const fromEnvironment = new Map(
    withSettings.map(({ id, def, callPath }) => [id, def.fromEnvironment(deps.env, context(callPath))]),
  );
  const entry = (providerId: string) => {
    const found = withSettings.find((m) => m.id === providerId);
    if (!found) throw new ApiError('invalid_request', `no provider ${providerId}`, { providerId });
    return found;
  };
  const secretNames = (def: ProviderSettingsDefinition<unknown>) =>
    def.fields.filter((f) => f.kind === 'secret').map((f) => f.name);

  function stored(providerId: string): SettingValues | null {
    const raw = settings.get(`${providerId}.config`);
    return raw ? Stored.parse(JSON.parse(raw)) : null;
  }

  function opened(def: ProviderSettingsDefinition<unknown>, values: SettingValues): SettingValues {
    const result: Record<string, string | boolean | null> = { ...values };
    for (const name of secretNames(def)) {
      const sealed = values[name];
      result[name] = typeof sealed === 'string' && sealed ? secrets.open(sealed) : null;
    }
    return result;
  }

  /** The config the adapter runs on now, and where it came from. */
  function resolve(providerId: string): { source: Source; config: unknown } {
    const { def, callPath } = entry(providerId);
    const fromEnv = fromEnvironment.get(providerId);
    if (fromEnv) return { source: 'environment', config: fromEnv };
    const saved = stored(providerId);
    const config = saved ? def.fromValues(opened(def, saved), context(callPath)) : null;
    if (config) return { source: 'settings', config };
    const demo = deps.demoConfig?.(providerId) ?? null;
    // Saved but incomplete: the form shows what was saved; the adapter runs on the demo's, if any.
    if (saved) return { source: 'settings', config: demo };
    return demo ? { source: 'demo', config: demo } : { source: 'none', config: null };
  }

  function view(providerId: string): ProviderSettingsView {
    const { def } = entry(providerId);
    const { source, config } = resolve(providerId);
    const secretFields = secretNames(def);
    const shown: SettingValues =
      source === 'settings'
        ? (stored(providerId) ?? {})
        : source === 'environment' || (source === 'demo' && def.demoValuesShown)
          ? def.toValues(config)
          : {};
    const values: Record<string, string | boolean | null> = {};
    const secretSet: Record<string, boolean> = {};
    for (const field of def.fields) {
      const value = shown[field.name] ?? null;
      if (field.kind === 'secret') secretSet[field.name] = typeof value === 'string' && value.length > 0;
      else values[field.name] = value ?? (field.kind === 'boolean' ? true : null);
    }
    for (const name of secretFields) secretSet[name] ??= false;
    return {
      providerId,
      title: def.title,
      source,
      fields: [...def.fields],
      values,
      secretSet,
      lanTerminals: deps.discoversTerminals?.(providerId) ?? false,
    };
  }

  function list(): ProviderSettingsList {
    return {
      providers: withSettings.map(({ id }) => view(id)),
      webhooks: { listening: deps.webhookListening(), publicUrl: deps.webhookPublicUrl },
    };
  }

  return {
    /** The adapter's config now: environment, else Settings, else the demo's; null when none. */
    config: (providerId: string): unknown => resolve(providerId).config,
    list,
    /** Real credentials are configured (environment or Settings), complete or not: the demo must go. */
    configuredByShop(): string[] {
      return withSettings.filter(({ id }) => fromEnvironment.get(id) || stored(id)).map(({ id }) => id);
    },
    save(input: SaveProviderSettingsInput): ProviderSettingsList {
      const { def } = entry(input.providerId);
      if (fromEnvironment.get(input.providerId)) {
        throw new ApiError('providers_from_environment', `${def.title.en} is set by environment variables`);
      }
      const parsed = def.input.safeParse(input.values);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ApiError('invalid_request', issue?.message ?? 'invalid settings', {
          field: issue?.path.join('.') ?? '',
        });
      }
      const before = stored(input.providerId) ?? {};
      const next: Record<string, string | boolean | null> = {};
      for (const field of def.fields) {
        const value = parsed.data[field.name];
        if (field.kind === 'secret') {
          next[field.name] = typeof value === 'string' && value ? secrets.seal(value) : (before[field.name] ?? null);
        } else {
          next[field.name] = value ?? null;
        }
      }
      settings.set(`${input.providerId}.config`, JSON.stringify(next));
      return list();
    },
  };
}

export type ProviderSettingsService = ReturnType<typeof createProviderSettings>;
