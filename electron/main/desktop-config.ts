import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkBackofficeUrl } from '../../shared/backoffice/url-policy';

/**
 * kassa.config.json in the user data folder: what a scripted install (MSI/NSIS silent install,
 * Ansible, a deb postinst) writes once, besides the KASSA_* environment variables, which win.
 */
export const DESKTOP_CONFIG_FILE = 'kassa.config.json';

const EnvName = z.string().regex(/^KASSA_[A-Z0-9_]+$/);

export const DesktopConfigFile = z
  .object({
    /** Full screen without window frame; for a dedicated counter. */
    kiosk: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    /** Background updates from a self-hosted (generic) feed; off when absent. */
    updates: z.object({ url: z.string().url(), enabled: z.boolean().optional() }).strict().optional(),
    backoffice: z
      .object({ url: z.string(), token: z.string().min(1), stationId: z.string().min(1).optional() })
      .strict()
      .optional(),
    /** false = live (no demo terminals or demo back-office). */
    demo: z.boolean().optional(),
    /** Any other KASSA_* setting the core reads (provider credentials, webhook listener…). */
    environment: z.record(EnvName, z.string(), { error: 'environment names must start with KASSA_' }).optional(),
  })
  .strict();

export interface DesktopSettings {
  readonly kiosk: boolean;
  readonly startAtLogin: boolean;
  readonly updateFeedUrl: string | null;
  /** KASSA_* values for the core from the file; the process environment overrides them. */
  readonly coreEnvFromFile: Readonly<Record<string, string>>;
}

export class DesktopConfigError extends Error {
  override name = 'DesktopConfigError';
}

const flag = (value: string | undefined): boolean | undefined =>
  value === undefined || value === '' ? undefined : value === '1' || value.toLowerCase() === 'true';

export function loadDesktopSettings(userDataDir: string, env: NodeJS.ProcessEnv): DesktopSettings {
  const file = join(userDataDir, DESKTOP_CONFIG_FILE);
  let config: z.infer<typeof DesktopConfigFile> = {};
  if (existsSync(file)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DesktopConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = DesktopConfigFile.safeParse(json);
    if (!parsed.success) {
      throw new DesktopConfigError(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    config = parsed.data;
  }

  const coreEnvFromFile: Record<string, string> = { ...config.environment };
  if (config.demo !== undefined) coreEnvFromFile.KASSA_DEMO = config.demo ? '1' : '0';
  if (config.backoffice) {
    coreEnvFromFile.KASSA_BACKOFFICE_URL = config.backoffice.url;
    coreEnvFromFile.KASSA_BACKOFFICE_TOKEN = config.backoffice.token;
    if (config.backoffice.stationId) coreEnvFromFile.KASSA_STATION_ID = config.backoffice.stationId;
  }
  const backofficeUrl = env.KASSA_BACKOFFICE_URL?.trim() || coreEnvFromFile.KASSA_BACKOFFICE_URL;
  if (backofficeUrl) {
    const verdict = checkBackofficeUrl(backofficeUrl);
    if (!verdict.ok) throw new DesktopConfigError(`back-office address refused: ${verdict.message}`);
  }

  const updateFeedUrl =
    env.KASSA_UPDATE_URL?.trim() || (config.updates?.enabled === false ? null : config.updates?.url);
  if (updateFeedUrl) {
    const verdict = checkBackofficeUrl(updateFeedUrl);
    if (!verdict.ok) throw new DesktopConfigError(`update feed address refused: ${verdict.message}`);
  }
  return {
    kiosk: flag(env.KASSA_KIOSK) ?? config.kiosk ?? false,
    startAtLogin: flag(env.KASSA_START_AT_LOGIN) ?? config.startAtLogin ?? false,
    updateFeedUrl: updateFeedUrl || null,
    coreEnvFromFile,
  };
}

/**
 * Windows: the database belongs to this computer, not to a roaming profile that is copied to a
 * server at logoff (a copied SQLite file with its WAL is how a counter loses sales). So the user
 * data folder moves from %APPDATA% (Roaming) to %LOCALAPPDATA%. Elsewhere Electron's default stays.
 */
export function localUserDataFolder(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  defaultFolder: string,
  appName: string,
): string {
  if (platform !== 'win32') return defaultFolder;
  const local = env.LOCALAPPDATA?.trim();
  return local ? join(local, appName) : defaultFolder;
}
