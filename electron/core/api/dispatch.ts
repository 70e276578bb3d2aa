import { contract, isMethodName } from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import type { Handlers } from './handlers';

export type Dispatch = (method: string, rawInput: unknown) => Promise<ApiResult<unknown>>;

/**
 * The single entrance to the core for both transports. Nothing reaches a handler unparsed, and no
 * stack trace or internal detail leaves it: only a code and a short message.
 */
export function createDispatch(handlers: Handlers, log: (message: string, error: unknown) => void): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) return fail(new ApiError('unknown_method', `unknown method ${method}`));
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'input';
      return fail(new ApiError('invalid_request', `${where}: ${issue?.message ?? 'invalid'}`, { field: where }));
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      log(`${method} failed`, error);
      return fail(new ApiError('internal', 'internal error'));
    }
  };
}

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error: error.toBody() };
}
