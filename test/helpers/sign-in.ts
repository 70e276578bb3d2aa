import { randomUUID } from 'node:crypto';
import type { Engine } from '../../electron/core/engine';
import type { Acting, Actor } from '../../electron/core/people/acting';
import { hashSecret } from '../../electron/core/people/pin-hash';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiErrorBody } from '../../shared/api/errors';
import { METHOD_ACCESS, type Role } from '../../shared/api/method-access';

/** Who a test engine signs in before its first call; false: nobody (tests of sign-in itself). */
export type TestSignIn = Role | false;

/** The test people: one per role, made locally with these PINs when the engine has not met them yet. */
export const TEST_PEOPLE: Readonly<Record<Role, { name: string; pin: string }>> = {
  cashier: { name: 'Test Cashier', pin: '1357' },
  manager: { name: 'Test Manager', pin: '2468' },
  owner: { name: 'Test Owner', pin: '9753' },
};

/** The test person of a role, created in the engine's users table if missing; returns their id. */
export async function ensureTestPerson(engine: Engine, role: Role): Promise<string> {
  const { name, pin } = TEST_PEOPLE[role];
  const found = engine.people.users.list().find((user) => user.name === name && user.source === 'local');
  if (found) return found.id;
  const id = `test-${role}-${randomUUID().slice(0, 8)}`;
  engine.people.users.insert(
    { id, name, role, pinHash: await hashSecret(pin), enrolmentCodeHash: null, source: 'local' },
    new Date().toISOString(),
  );
  return id;
}

/** Signs the test person of `role` in at the engine's station, with their PIN like anyone else. */
export async function signInAs(engine: Engine, role: Role): Promise<string> {
  const id = await ensureTestPerson(engine, role);
  await engine.people.service.signIn(id, TEST_PEOPLE[role].pin);
  return id;
}

/**
 * The engine with its dispatch signing `role` in before the first call, so tests written before
 * sign-in existed run as a manager at a signed-in counter (a restarted engine signs in again).
 */
export function signedInEngine(engine: Engine, role: TestSignIn): Engine {
  if (role === false) return engine;
  let ready: Promise<unknown> | null = null;
  const dispatch: Engine['dispatch'] = async (method, input) => {
    ready ??= signInAs(engine, role);
    await ready;
    return engine.dispatch(method, input);
  };
  return { ...engine, dispatch };
}

/** The PIN a test person made by `asPeople` signs in with (derived from their id, 6 digits). */
function pinOf(userId: string): string {
  let n = 0;
  for (const ch of userId) n = (n * 31 + ch.charCodeAt(0)) % 900_000;
  return String(100_000 + n);
}

/** Makes the person of an `Acting` a user of the engine (same id, name and role) if they are not yet. */
async function ensurePerson(engine: Engine, person: Actor): Promise<void> {
  if (engine.people.users.list().some((user) => user.id === person.userId)) return;
  engine.people.users.insert(
    {
      id: person.userId,
      name: person.name,
      role: person.role,
      pinHash: await hashSecret(pinOf(person.userId)),
      enrolmentCodeHash: null,
      source: 'local',
    },
    new Date().toISOString(),
  );
}

interface Caller {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  refusal(method: string, input: unknown): Promise<ApiErrorBody>;
}

/**
 * Acts as the people of `acting` the way the counter does: the actor signs in with their PIN, and
 * when a manager approves, each manager-only call is preceded by that manager's PIN typed for it
 * (`people.approve`). The audit trail then names them because the core's session does, not because
 * a test said so.
 */
export async function asPeople<T extends Caller>(t: T & { engine: Engine }, acting: Acting): Promise<Caller> {
  const { actor, approvedBy } = acting;
  if (!actor) throw new Error('asPeople needs an actor');
  await ensurePerson(t.engine, actor);
  if (approvedBy) await ensurePerson(t.engine, approvedBy);
  await t.call('people.signIn', { userId: actor.userId, pin: pinOf(actor.userId) });
  const approve = async (method: string) => {
    if (!approvedBy || METHOD_ACCESS[method as MethodName] !== 'manager') return;
    await t.call('people.approve', { userId: approvedBy.userId, pin: pinOf(approvedBy.userId), method });
  };
  return {
    async call(method, input) {
      await approve(method);
      return t.call(method, input);
    },
    async refusal(method, input) {
      await approve(method);
      return t.refusal(method, input);
    },
  };
}
