import { randomUUID } from 'node:crypto';
import type { Engine } from '../../electron/core/engine';
import { hashSecret } from '../../electron/core/people/pin-hash';
import type { Role } from '../../shared/api/method-access';

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
