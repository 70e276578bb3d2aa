import type { ServerEvent } from './events';

/**
 * How the renderer reaches the core. Two implementations: Electron IPC through the preload bridge,
 * and HTTP + server-sent events on loopback (browser mode).
 */
export interface Transport {
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: ServerEvent) => void): () => void;
}

/** What the Electron preload exposes on `window.kassa`. Nothing else crosses the bridge. */
export interface KassaBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: ServerEvent) => void): () => void;
}
