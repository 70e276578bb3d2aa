import type { ApiResult } from '../../../shared/api/errors';
import type { ServerEvent } from '../../../shared/api/events';

/** Messages between the Electron main process and the core in its utilityProcess. */
export interface CoreRequest {
  readonly id: number;
  readonly method: string;
  readonly input: unknown;
}

export type CoreMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: ApiResult<unknown> }
  | { readonly type: 'event'; readonly event: ServerEvent };
