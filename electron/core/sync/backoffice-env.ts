import { checkBackofficeUrl } from '../../../shared/backoffice/url-policy';
import { StationIdSchema } from '../../../shared/payment/reference';
import type { BackofficeConfig } from './backoffice-client';

/**
 * KASSA_BACKOFFICE_URL, KASSA_BACKOFFICE_TOKEN and KASSA_STATION_ID, for scripted installs. They
 * win over the app's settings. A URL without a token, or a station id that cannot go into a payment
 * reference, is a mistake worth stopping for: the host refuses to start with the message.
 */
export function backofficeFromEnvironment(env: NodeJS.ProcessEnv): BackofficeConfig | null {
  const stationId = stationIdFromEnvironment(env);
  const url = env.KASSA_BACKOFFICE_URL?.trim();
  if (!url) return null;
  const token = env.KASSA_BACKOFFICE_TOKEN?.trim();
  if (!token) throw new Error('KASSA_BACKOFFICE_URL is set but KASSA_BACKOFFICE_TOKEN is not');
  const verdict = checkBackofficeUrl(url);
  if (!verdict.ok) throw new Error(`KASSA_BACKOFFICE_URL: ${verdict.message}`);
  return { url, token, stationId: stationId ?? 'C1' };
}

/** KASSA_STATION_ID checked wherever it is set, with or without a back-office address. */
function stationIdFromEnvironment(env: NodeJS.ProcessEnv): string | null {
  const raw = env.KASSA_STATION_ID;
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = StationIdSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `KASSA_STATION_ID "${raw}" is not a valid station id: 1 to 8 letters or digits (e.g. C1), ` +
        'no spaces, dashes or underscores',
    );
  }
  return parsed.data;
}
