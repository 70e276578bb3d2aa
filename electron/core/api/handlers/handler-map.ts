import type { z } from 'zod';
import type { Contract, MethodName } from '../../../../shared/api/contract';

/** One API method as the core implements it: the parsed input in, the output schema's input shape out. */
export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
) => Promise<z.input<Contract[M]['output']>>;

/** The handlers of one domain: exactly the methods it names, each typed from the contract. */
export type HandlerMap<M extends MethodName> = { [K in M]: Handler<K> };

/** Every method of the contract, each exactly once. */
export type Handlers = HandlerMap<MethodName>;

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
type Combined<T extends readonly object[]> = UnionToIntersection<T[number]>;
/** Methods named by more than one domain map in the list. */
type Overlap<T extends readonly object[]> = {
  [I in keyof T]: { [J in keyof T]: I extends J ? never : keyof T[I] & keyof T[J] }[number];
}[number];

type MismatchedMethods<C> = {
  [M in MethodName & keyof C]: C[M] extends Handler<M> ? never : M;
}[MethodName & keyof C];

/**
 * The compile-time contract of the combined map: every contract method present (a missing one fails
 * the `Handlers` check), none that the contract does not have, and none defined by two domains.
 */
type Checked<T extends readonly object[]> = [Overlap<T>] extends [never]
  ? [Exclude<keyof Combined<T>, MethodName>] extends [never]
    ? Combined<T> extends Handlers
      ? T
      : [Exclude<MethodName, keyof Combined<T>>] extends [never]
        ? { error: 'a handler does not match its contract method'; mismatched: MismatchedMethods<Combined<T>> }
        : { error: 'contract methods without a handler'; missing: Exclude<MethodName, keyof Combined<T>> }
    : { error: 'handlers for methods the contract does not have'; extra: Exclude<keyof Combined<T>, MethodName> }
  : { error: 'methods handled by two domains'; twice: Overlap<T> };

/** A domain's factory: takes only the dependencies it needs, returns its methods' handlers. */
export type HandlerDomain = (deps: never) => object;

/** What a list of domains needs between them: the union of each one's dependencies. */
export type DepsOf<D extends readonly HandlerDomain[]> = UnionToIntersection<DepsOfOne<D[number]>>;
type DepsOfOne<F> = F extends (deps: infer P) => object ? P : never;

type MapsOf<D extends readonly HandlerDomain[]> = { [I in keyof D]: D[I] extends (deps: never) => infer M ? M : never };
type CheckedDomains<D extends readonly HandlerDomain[]> =
  Checked<MapsOf<D>> extends MapsOf<D> ? unknown : Checked<MapsOf<D>>;

/**
 * Builds every domain from the one set of dependencies and combines their maps, with the same
 * compile-time checks as `combineHandlers`: the list of domains is the only place a domain is named.
 */
export function createHandlersFrom<const D extends readonly HandlerDomain[]>(
  domains: D & CheckedDomains<D>,
  deps: DepsOf<D>,
): Handlers {
  const maps = (domains as readonly HandlerDomain[]).map((create) => create(deps as never));
  return combineMaps(maps);
}

/**
 * Combines the per-domain handler maps into the one map the dispatcher calls (as Actual Budget combines
 * its per-domain apps). Adding a domain is one import and one argument. The types refuse a missing,
 * unknown or doubly defined method; the run-time check says which, should a cast ever hide one.
 */
export function combineHandlers<const T extends readonly object[]>(...maps: T & Checked<T>): Handlers {
  return combineMaps(maps as readonly object[]);
}

function combineMaps(maps: readonly object[]): Handlers {
  const combined: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [method, handler] of Object.entries(map)) {
      if (Object.hasOwn(combined, method)) throw new Error(`API method ${method} is handled by two domains`);
      combined[method] = handler;
    }
  }
  return combined as Handlers;
}
