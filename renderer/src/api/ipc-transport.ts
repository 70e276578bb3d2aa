import type { ApiResult } from '../../../shared/api/errors';
import type { KassaBridge, Transport } from '../../../shared/api/transport';
import { ClientError } from './client-error';

/** Inside Electron: the preload's `window.kassa` bridge, which carries exactly the API contract. */
export function createIpcTransport(bridge: KassaBridge): Transport {
  return {
    async call(method, input) {
      const result = (await bridge.invoke(method, input ?? {})) as ApiResult<unknown>;
      if (result.ok) return result.value;
      throw new ClientError(result.error.code, result.error.message, result.error.params);
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
