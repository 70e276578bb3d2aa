import type { ApiResult } from '../api/errors';
import type { ServerEvent } from '../api/events';
import type { HostAnswerMessage, HostRequestMessage } from './print-protocol';

/** Messages between the Electron main process and the core in its utilityProcess. */
export interface CoreRequest {
  readonly id: number;
  readonly method: string;
  readonly input: unknown;
}

/**
 * First message to every core process: the data key travels over the message port, never through
 * the environment (which other processes of the same user can read, e.g. /proc/<pid>/environ).
 */
export interface CoreInit {
  readonly type: 'init';
  /** Hex data key sealed by the OS keychain, or null: the core uses its own key file. */
  readonly dataKey: string | null;
}

/** Quit: finish what is being written, close the database, answer 'closed', exit. */
export interface CoreShutdown {
  readonly type: 'shutdown';
}

export type MainToCoreMessage = CoreRequest | CoreInit | CoreShutdown | HostAnswerMessage;

export type CoreMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: ApiResult<unknown> }
  | { readonly type: 'event'; readonly event: ServerEvent }
  | { readonly type: 'closed' }
  /** The core asks the main process to print (print-protocol.ts). */
  | HostRequestMessage;

export function isCoreRequest(message: MainToCoreMessage): message is CoreRequest {
  return !('type' in message);
}
