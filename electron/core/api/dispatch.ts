import { contract, isMethodName, type MethodName } from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import { METHOD_ACCESS } from '../../../shared/api/method-access';
import { type Acting, runActing } from '../people/acting';
import type { Handlers } from './handlers';

export type Dispatch = (method: string, rawInput: unknown) => Promise<ApiResult<unknown>>;

/**
 * Who may run a method now (the station's session, people/people-service.ts): the acting person
 * and approving manager, or an ApiError (`sign_in_required`, `session_locked`, `manager_required`).
 */
export type Authorize = (method: MethodName, access: (typeof METHOD_ACCESS)[MethodName]) => Acting;

/**
 * The single entrance to the core for both transports. Nobody reaches a handler without the role
 * METHOD_ACCESS asks for, nothing reaches one unparsed, and no stack trace or internal detail
 * leaves it: only a code and a short message. The handler runs inside `runActing`, so everything
 * deeper (audit, refunds, voids) knows who acted and which manager approved.
 */
export function createDispatch(
  handlers: Handlers,
  log: (message: string, error: unknown) => void,
  authorize: Authorize,
): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) return fail(new ApiError('unknown_method', `unknown method ${method}`));
    let acting: Acting;
    try {
      acting = authorize(method, METHOD_ACCESS[method]);
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      log(`${method}: access check failed`, error);
      return fail(new ApiError('internal', 'internal error'));
    }
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'input';
      return fail(new ApiError('invalid_request', `${where}: ${issue?.message ?? 'invalid'}`, { field: where }));
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await runActing(acting, () => handler(parsed.data)) };
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
