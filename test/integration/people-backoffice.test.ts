import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import { hashSecret } from '../../electron/core/people/pin-hash';
import { counterEngine, startTestBackoffice } from '../helpers/backoffice';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ server: BackofficeServer; counter: Engine }> {
  const server = await startTestBackoffice({ customers: 3 });
  cleanups.push(() => server.close());
  const counter = counterEngine(server, 'C1', { signIn: false });
  cleanups.push(() => counter.close());
  return { server, counter };
}

async function call(counter: Engine, method: string, input: unknown) {
  const result = await counter.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as never;
}

describe('users from the back-office (GET /v1/users)', () => {
  it('pulls users with a PIN hash and with an enrolment code; the code sets the PIN once', async () => {
    const { server, counter } = await setUp();
    server.store.users.put({ id: 'u-anna', name: 'Anna', role: 'manager', pinHash: await hashSecret('4826') });
    server.store.users.put({ id: 'u-bo', name: 'Bo', role: 'cashier', enrolmentCode: 'WELCOME-42' });
    await counter.start();
    expect(server.requestCounts.get('GET /v1/users')).toBeGreaterThan(0);
    expect(await call(counter, 'people.list', {})).toEqual([
      { id: 'u-anna', name: 'Anna', role: 'manager', lockedOut: false, needsEnrolment: false },
      { id: 'u-bo', name: 'Bo', role: 'cashier', lockedOut: false, needsEnrolment: true },
    ]);
    expect(await call(counter, 'people.signIn', { userId: 'u-anna', pin: '4826' })).toMatchObject({
      user: { id: 'u-anna', role: 'manager' },
    });
    // Bo has no PIN yet: sign-in asks for enrolment; a wrong code counts like a wrong PIN.
    expect((await counter.dispatch('people.signIn', { userId: 'u-bo', pin: '1234' })).ok).toBe(false);
    expect(await counter.dispatch('people.enrol', { userId: 'u-bo', code: 'WRONG-CODE', pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'enrolment_code_wrong', params: { attemptsLeft: 4 } },
    });
    expect(await call(counter, 'people.enrol', { userId: 'u-bo', code: 'WELCOME-42', pin: '7391' })).toMatchObject({
      user: { id: 'u-bo', name: 'Bo' },
    });
    await counter.sync.runCycle();
    // The code is spent: the next pull does not undo Bo's PIN, and the code no longer works.
    expect(await call(counter, 'people.signIn', { userId: 'u-bo', pin: '7391' })).toMatchObject({
      user: { id: 'u-bo' },
    });
    expect((await counter.dispatch('people.enrol', { userId: 'u-bo', code: 'WELCOME-42', pin: '1111' })).ok).toBe(
      false,
    );
    // Users of the back-office are changed there, not at the counter.
    await call(counter, 'people.signIn', { userId: 'u-anna', pin: '4826' });
    expect(await counter.dispatch('people.resetPin', { userId: 'u-bo', pin: '2222' })).toMatchObject({
      ok: false,
      error: { code: 'user_from_backoffice' },
    });
  });

  it('follows changes: a new PIN hash, a new role, a user no longer listed is deactivated and signed out', async () => {
    const { server, counter } = await setUp();
    server.store.users.put({ id: 'u-anna', name: 'Anna', role: 'cashier', pinHash: await hashSecret('4826') });
    await counter.start();
    await call(counter, 'people.signIn', { userId: 'u-anna', pin: '4826' });
    server.store.users.put({ id: 'u-anna', name: 'Anna B.', role: 'manager', pinHash: await hashSecret('5937') });
    await counter.sync.runCycle();
    expect(await call(counter, 'people.session', {})).toMatchObject({ user: { name: 'Anna B.', role: 'manager' } });
    expect((await counter.dispatch('people.signIn', { userId: 'u-anna', pin: '4826' })).ok).toBe(false);
    await call(counter, 'people.signIn', { userId: 'u-anna', pin: '5937' });
    server.store.users.deactivate('u-anna');
    await counter.sync.runCycle();
    expect(await call(counter, 'people.list', {})).toEqual([]);
    expect(await call(counter, 'people.session', {})).toMatchObject({ user: null, firstRun: false });
    expect(await counter.dispatch('payments.today', {})).toMatchObject({
      ok: false,
      error: { code: 'sign_in_required' },
    });
  });

  it('a back-office without users leaves the counter to create them (first-run owner)', async () => {
    const { counter } = await setUp();
    await counter.start();
    expect(await call(counter, 'people.session', {})).toMatchObject({ firstRun: true });
    await call(counter, 'people.createOwner', { name: 'Olga', pin: '5678' });
    expect(await call(counter, 'people.create', { name: 'Cas', role: 'cashier', pin: '1212' })).toHaveLength(2);
  });
});
