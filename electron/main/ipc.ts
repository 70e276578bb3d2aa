import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isMethodName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';

export const INVOKE_CHANNEL = 'kassa:invoke';
export const EVENT_CHANNEL = 'kassa:event';

/**
 * The one IPC channel: checks who is asking before anything else, then hands the call to the core,
 * which parses the input against the shared contract.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  deps: {
    isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
    call: (method: string, input: unknown) => Promise<ApiResult<unknown>>;
  },
): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!deps.isTrustedSender(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };
    }
    if (typeof method !== 'string' || !isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: 'unknown method' } };
    }
    return deps.call(method, input);
  });
}
