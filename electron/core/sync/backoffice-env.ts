import type { BackofficeConfig } from './backoffice-client';

/**
 * KASSA_BACKOFFICE_URL, KASSA_BACKOFFICE_TOKEN and KASSA_STATION_ID, for scripted installs. They
 * win over the app's settings. A URL without a token is a mistake worth stopping for.
 */
export function backofficeFromEnvironment(env: NodeJS.ProcessEnv): BackofficeConfig | null {
  const url = env.KASSA_BACKOFFICE_URL?.trim();
  if (!url) return null;
  const token = env.KASSA_BACKOFFICE_TOKEN?.trim();
  if (!token) throw new Error('KASSA_BACKOFFICE_URL is set but KASSA_BACKOFFICE_TOKEN is not');
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error('KASSA_BACKOFFICE_URL must be http(s)');
  return { url, token, stationId: env.KASSA_STATION_ID?.trim() || 'C1' };
}
