import { type EmbeddedBackoffice, startEmbeddedBackoffice } from '../../../backoffice/embedded';
import { ApiError } from '../../../shared/api/errors';
import type { BackofficeSettings } from '../../../shared/api/schemas';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import { type BackofficeConfig, createBackofficeClient } from './backoffice-client';
import type { SyncEngine } from './sync-engine';

const KEYS = { url: 'backoffice.url', token: 'backoffice.token.sealed', station: 'counter.stationId' } as const;

/**
 * Decides which back-office the counter talks to: the one given by the environment (scripted
 * installs), else the one a manager set in the app (token sealed at rest), else — in demo mode —
 * the embedded demo back-office, else none (the counter works offline-only).
 */
export function createBackofficeConnection(deps: {
  settings: SettingsRepository;
  secrets: SecretCipher;
  sync: SyncEngine;
  fromEnvironment: BackofficeConfig | null;
  demo: { dataDir: string; today: () => Date; customers?: number } | null;
}) {
  const { settings, secrets, sync } = deps;
  let embedded: EmbeddedBackoffice | null = null;
  let source: BackofficeSettings['source'] = 'none';
  const stationId = () => settings.get(KEYS.station) ?? 'C1';

  function stored(): BackofficeConfig | null {
    const url = settings.get(KEYS.url);
    const sealed = settings.get(KEYS.token);
    return url && sealed ? { url, stationId: stationId(), token: secrets.open(sealed) } : null;
  }

  async function connect(): Promise<void> {
    const env = deps.fromEnvironment;
    const fromSettings = env ? null : stored();
    if (env) {
      source = 'environment';
      settings.set(KEYS.station, env.stationId);
      sync.configure(createBackofficeClient(env), env.stationId);
    } else if (fromSettings) {
      source = 'settings';
      sync.configure(createBackofficeClient(fromSettings), fromSettings.stationId);
    } else if (deps.demo) {
      source = 'demo';
      embedded ??= await startEmbeddedBackoffice({
        dataDir: deps.demo.dataDir,
        today: deps.demo.today(),
        customers: deps.demo.customers,
        stationId: stationId(),
      });
      sync.configure(
        createBackofficeClient({ url: embedded.server.url, stationId: embedded.stationId, token: embedded.token }),
        embedded.stationId,
      );
    } else {
      source = 'none';
      sync.configure(null, stationId());
    }
  }

  function current(): BackofficeSettings {
    const url =
      source === 'environment'
        ? (deps.fromEnvironment?.url ?? null)
        : source === 'demo'
          ? (embedded?.server.url ?? null)
          : settings.get(KEYS.url);
    return {
      source,
      url,
      stationId: stationId(),
      tokenSet: source !== 'none' && (source !== 'settings' || settings.get(KEYS.token) !== null),
    };
  }

  return {
    connect,
    current,
    async configure(input: { url: string; stationId: string; token?: string }): Promise<BackofficeSettings> {
      if (deps.fromEnvironment) {
        throw new ApiError(
          'backoffice_from_environment',
          'the back-office is set by environment variables on this machine',
        );
      }
      if (!input.token && !settings.get(KEYS.token)) {
        throw new ApiError('invalid_request', 'a token is needed', { field: 'token' });
      }
      settings.set(KEYS.url, input.url);
      settings.set(KEYS.station, input.stationId);
      if (input.token) settings.set(KEYS.token, secrets.seal(input.token));
      await connect();
      return current();
    },
    async close(): Promise<void> {
      if (!embedded) return;
      await embedded.server.close();
      embedded.server.store.close();
      embedded = null;
    },
  };
}

export type BackofficeConnection = ReturnType<typeof createBackofficeConnection>;
