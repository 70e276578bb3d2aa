import type { ApiResult } from '../../shared/api/errors';
import type { ServerEvent } from '../../shared/api/events';
import type { CoreMessage, CoreRequest } from '../core/hosts/protocol';

/** The slice of Electron's UtilityProcess the host needs (so it can be tested without Electron). */
export interface CoreProcess {
  postMessage(message: CoreRequest): void;
  on(event: 'message', listener: (message: CoreMessage) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

const CALL_TIMEOUT_MS = 120_000;

/**
 * Relays API calls to the core process and its events back, restarting the core if it dies (the
 * restarted core recovers unfinished payments before accepting new ones).
 */
export function createCoreHost(spawn: () => CoreProcess, onEvent: (event: ServerEvent) => void) {
  let child: CoreProcess;
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, { resolve: (r: ApiResult<unknown>) => void; timer: NodeJS.Timeout }>();

  const settle = (id: number, result: ApiResult<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
  };

  const launch = () => {
    child = spawn();
    child.on('message', (message) => {
      if (message.type === 'result') settle(message.id, message.result);
      else onEvent(message.event);
    });
    child.on('exit', () => {
      for (const id of [...pending.keys()]) {
        settle(id, {
          ok: false,
          error: { code: 'internal', message: 'the Kassa core stopped; check the payment status' },
        });
      }
      if (!stopping) setTimeout(launch, 1_000);
    });
  };
  launch();

  return {
    call(method: string, input: unknown): Promise<ApiResult<unknown>> {
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(
          () =>
            settle(id, { ok: false, error: { code: 'internal', message: 'the Kassa core did not answer in time' } }),
          CALL_TIMEOUT_MS,
        );
        pending.set(id, { resolve, timer });
        child.postMessage({ id, method, input });
      });
    },
    stop(): void {
      stopping = true;
      child.kill();
    },
  };
}
