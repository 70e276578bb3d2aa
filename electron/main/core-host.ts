import type { ApiResult } from '../../shared/api/errors';
import type { ServerEvent } from '../../shared/api/events';
import type { CoreInit, CoreMessage, MainToCoreMessage } from '../../shared/host/core-protocol';
import { type HostAnswer, HostRequestMessage } from '../../shared/host/print-protocol';

/** The slice of Electron's UtilityProcess the host needs (so it can be tested without Electron). */
export interface CoreProcess {
  postMessage(message: MainToCoreMessage): void;
  on(event: 'message', listener: (message: CoreMessage) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

const CALL_TIMEOUT_MS = 120_000;

/**
 * Restarts after a crash: 1 s, 2 s, 4 s … up to 30 s; after `maxCrashes` crashes each within
 * `stableAfterMs` of its start the core is given up on (a crash loop, e.g. a wrong native module),
 * so the counter shows one clear error instead of flickering forever.
 */
export const RESTART_POLICY = { firstDelayMs: 1_000, maxDelayMs: 30_000, maxCrashes: 5, stableAfterMs: 60_000 };

export function restartDelayMs(crashesInARow: number, policy = RESTART_POLICY): number | null {
  if (crashesInARow > policy.maxCrashes) return null;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, crashesInARow - 1));
}

export interface CoreHostOptions {
  /** The first message to every started core (carries the data key). */
  readonly init?: () => CoreInit;
  /** Lifecycle lines for the core log. */
  readonly log?: (line: string) => void;
  /** The core crashed too often; the host stopped restarting it. */
  readonly onGaveUp?: (lastExitCode: number) => void;
  /** How long a graceful stop may take before the core is killed. */
  readonly stopTimeoutMs?: number;
  readonly now?: () => number;
  /** The core asks for printing (print-service.ts); the request is parsed before it gets here. */
  readonly onHostRequest?: (request: HostRequestMessage['request']) => Promise<HostAnswer>;
}

/**
 * Relays API calls to the core process and its events back, restarting the core if it dies (the
 * restarted core recovers unfinished payments before accepting new ones).
 */
export function createCoreHost(
  spawn: () => CoreProcess,
  onEvent: (event: ServerEvent) => void,
  options: CoreHostOptions = {},
) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  let child: CoreProcess;
  let nextId = 1;
  let stopping = false;
  let gaveUp = false;
  let crashesInARow = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let closed: (() => void) | null = null;
  const pending = new Map<number, { resolve: (r: ApiResult<unknown>) => void; timer: NodeJS.Timeout }>();

  const settle = (id: number, result: ApiResult<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
  };

  /** One answer per request, to the process that asked (a restarted core has other ids). */
  const answerHostRequest = (asking: CoreProcess, message: unknown) => {
    const parsed = HostRequestMessage.safeParse(message);
    if (!parsed.success) {
      log('core sent a host request that does not parse; ignored');
      return;
    }
    const { id, request } = parsed.data;
    const handle = options.onHostRequest ?? (async () => ({ result: 'failed', reason: 'not supported' }) as const);
    void handle(request)
      .catch(
        (error: unknown): HostAnswer => ({
          result: 'failed',
          reason: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((answer) => {
        // A core that died meanwhile is gone; its request ends as "uncertain" on its side anyway.
        if (asking !== child) return;
        try {
          asking.postMessage({ type: 'host-answer', id, answer });
        } catch {
          log('could not answer the core (it is stopping)');
        }
      });
  };

  const launch = () => {
    restartTimer = null;
    const startedAt = now();
    const current = spawn();
    child = current;
    if (options.init) current.postMessage(options.init());
    current.on('message', (message) => {
      if (message.type === 'result') settle(message.id, message.result);
      else if (message.type === 'event') onEvent(message.event);
      else if (message.type === 'closed') closed?.();
      else if (message.type === 'host-request') answerHostRequest(current, message);
    });
    current.on('exit', (code) => {
      for (const id of [...pending.keys()]) {
        settle(id, {
          ok: false,
          error: { code: 'internal', message: 'the Kassa core stopped; check the payment status' },
        });
      }
      if (stopping) {
        closed?.();
        return;
      }
      crashesInARow = now() - startedAt >= RESTART_POLICY.stableAfterMs ? 1 : crashesInARow + 1;
      const delay = restartDelayMs(crashesInARow);
      if (delay === null) {
        gaveUp = true;
        log(`core exited with code ${code}; ${RESTART_POLICY.maxCrashes} crashes in a row, not restarting`);
        options.onGaveUp?.(code);
        return;
      }
      log(`core exited with code ${code}; restarting in ${delay} ms (crash ${crashesInARow} in a row)`);
      restartTimer = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    call(method: string, input: unknown): Promise<ApiResult<unknown>> {
      if (gaveUp || stopping) {
        return Promise.resolve({
          ok: false,
          error: { code: 'internal', message: 'the Kassa core is not running; restart Kassa' },
        });
      }
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
    /**
     * Asks the core to finish its current commit and close the database, then waits for it ('closed'
     * or exit); kills it only if it does not manage within the timeout.
     */
    stop(): Promise<void> {
      if (stopping) return Promise.resolve();
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (gaveUp || restartTimer) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          log('core did not close in time; killing it');
          child.kill();
          resolve();
        }, options.stopTimeoutMs ?? 5_000);
        closed = () => {
          clearTimeout(timer);
          closed = null;
          resolve();
        };
        child.postMessage({ type: 'shutdown' });
      });
    },
  };
}
