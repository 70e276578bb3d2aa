import type { ApiResult } from '../../../shared/api/errors';
import type { ServerEvent } from '../../../shared/api/events';
import type { Transport } from '../../../shared/api/transport';
import { ClientError } from './client-error';

const TOKEN_KEY = 'kassa.token';

/** Browser mode reads the per-launch token from the URL fragment once, then keeps it for this tab only. */
export function takeLaunchToken(location: Location, storage: Storage): string | null {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpTransport(token: string): Transport {
  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ClientError('network', 'the Kassa engine cannot be reached');
      }
      let result: ApiResult<unknown>;
      try {
        result = (await response.json()) as ApiResult<unknown>;
      } catch {
        throw new ClientError('internal', `unexpected answer (${response.status})`);
      }
      if (result.ok) return result.value;
      throw new ClientError(result.error.code, result.error.message, result.error.params);
    },

    subscribe(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          listener(JSON.parse(message.data) as ServerEvent);
        } catch {
          // A malformed event is dropped; the next one carries the full state again.
        }
      };
      return () => source.close();
    },
  };
}
