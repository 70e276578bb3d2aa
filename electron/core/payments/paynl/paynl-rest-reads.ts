import { createJsonClient } from '../json-client';
import { ProviderError } from '../provider';
import { basicAuth, type PayNlConfig } from './paynl-config';
import { payProblem } from './paynl-provider';

/**
 * A client for Pay.'s REST API (rest.pay.nl, token auth) for the reads beside the payment path:
 * settlement data and the day's statistics. Read when called, so a changed setting takes effect at once.
 */
export function createPayNlRestReads(options: { config: () => PayNlConfig | null; timeoutMs: number }) {
  const config = (): PayNlConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'Pay. is not configured');
    return current;
  };
  return createJsonClient({
    baseUrl: () => config().restUrl,
    headers: () => ({ authorization: basicAuth(config(), 'token') }),
    toError: payProblem,
    timeoutMs: options.timeoutMs,
  });
}
