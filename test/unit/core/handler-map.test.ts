import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerDeps } from '../../../electron/core/api/handlers';
import {
  combineHandlers,
  createHandlersFrom,
  type HandlerMap,
  type Handlers,
} from '../../../electron/core/api/handlers/handler-map';
import { createSystemHandlers } from '../../../electron/core/api/handlers/system';
import { contract } from '../../../shared/api/contract';

const handler = async () => {
  throw new Error('not called');
};
const status: HandlerMap<'system.status'> = { 'system.status': handler };
const everythingElse = () =>
  Object.fromEntries(
    Object.keys(contract)
      .filter((m) => m !== 'system.status')
      .map((m) => [m, handler]),
  ) as unknown as Omit<Handlers, 'system.status'>;

describe('the API handlers, one module per domain', () => {
  it('handle exactly the contract’s methods', () => {
    // The domain factories only capture their dependencies; nothing is called until a method is.
    const handlers = createHandlers({} as HandlerDeps);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    for (const method of Object.keys(contract)) expect(typeof handlers[method as keyof Handlers]).toBe('function');
  });

  it('refuse a method that two domains both handle', () => {
    // @ts-expect-error: system.status is handled twice (the types say so before the run time does).
    expect(() => combineHandlers(status, everythingElse(), status)).toThrow(/system.status is handled by two domains/);
  });

  it('refuse, at compile time, a missing method, one the contract does not have, and a mistyped one', () => {
    // @ts-expect-error: system.status has no handler.
    combineHandlers(everythingElse());
    // @ts-expect-error: the contract has no method 'payments.teleport'.
    combineHandlers(status, everythingElse(), { 'payments.teleport': handler });
    // @ts-expect-error: system.status must return a SystemStatus, not a number.
    combineHandlers({ 'system.status': async () => 42 }, everythingElse());
    expect(Object.keys(combineHandlers(status, everythingElse()))).toHaveLength(Object.keys(contract).length);
  });

  it('build each domain from its own dependencies, and refuse a domain listed twice', () => {
    const systemStatus = () => ({}) as never;
    const rest = () => everythingElse();
    const handlers = createHandlersFrom([createSystemHandlers, rest], { systemStatus });
    expect(Object.keys(handlers)).toHaveLength(Object.keys(contract).length);
    // @ts-expect-error: the system domain is listed twice.
    expect(() => createHandlersFrom([createSystemHandlers, rest, createSystemHandlers], { systemStatus })).toThrow(
      /handled by two domains/,
    );
  });
});
