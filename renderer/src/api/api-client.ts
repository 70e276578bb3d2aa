import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ServerEvent } from '../../../shared/api/events';
import type { KassaBridge, Transport } from '../../../shared/api/transport';
import { createHttpTransport, takeLaunchToken } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** The renderer's one way to the core, typed by the shared contract, whatever carries it. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(listener: (event: ServerEvent) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    call: (method, input) => transport.call(method, input) as Promise<never>,
    subscribe: (listener) => transport.subscribe(listener),
  };
}

declare global {
  interface Window {
    kassa?: KassaBridge;
  }
}

export function connect(): ApiClient | null {
  if (window.kassa) return createApiClient(createIpcTransport(window.kassa));
  const token = takeLaunchToken(window.location, window.sessionStorage);
  return token ? createApiClient(createHttpTransport(token)) : null;
}
