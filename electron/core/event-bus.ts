import type { ServerEvent } from '../../shared/api/events';

export type EventListener = (event: ServerEvent) => void;

/** Fan-out of core events to every connected screen (IPC window, browser tabs, tests). */
export function createEventBus() {
  const listeners = new Set<EventListener>();
  return {
    emit(event: ServerEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken screen connection must not stop the payment path.
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
