import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/api/contract';
import { METHOD_ACCESS } from '../../shared/api/method-access';
import { ensureTestPerson, signInAs, TEST_PEOPLE } from '../helpers/sign-in';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

const methods = (access: 'open' | 'signed_in' | 'manager') =>
  (Object.keys(METHOD_ACCESS) as MethodName[]).filter((method) => METHOD_ACCESS[method] === access);

let t: TestEngine;
let managerId: string;

beforeAll(async () => {
  t = await startTestEngine({ demo: false, signIn: false, autoSync: false });
  managerId = await ensureTestPerson(t.engine, 'manager');
});
afterAll(() => t.close());

const approve = (method: string) =>
  t.call('people.approve', { userId: managerId, pin: TEST_PEOPLE.manager.pin, method });

describe('roles enforced in the core, whatever the screen shows', () => {
  it('refuses every method but the open ones while nobody is signed in', async () => {
    await t.call('people.signOut', {});
    for (const method of [...methods('signed_in'), ...methods('manager')]) {
      expect((await t.refusal(method, {})).code, method).toBe('sign_in_required');
    }
    expect(await t.call('system.status', {})).toMatchObject({ mode: 'live' });
    expect((await t.call('people.list', {})).map((p) => p.name)).toContain('Test Manager');
  });

  it('refuses every manager method to a cashier with manager_required, and allows it once with an approval', async () => {
    await signInAs(t.engine, 'cashier');
    const manager = methods('manager');
    expect(manager.length).toBeGreaterThan(20);
    for (const method of manager) {
      const refused = await t.refusal(method, {});
      expect(refused.code, method).toBe('manager_required');
      expect(refused.params, method).toMatchObject({ method });
      const approval = await approve(method);
      expect(approval).toMatchObject({ method, approvedBy: { id: managerId, name: 'Test Manager', role: 'manager' } });
      const allowed = await t.engine.dispatch(method, {});
      // The call got past the role check: it ran, or its input was judged on its merits.
      if (!allowed.ok)
        expect(['manager_required', 'sign_in_required', 'session_locked'], method).not.toContain(allowed.error.code);
      // Used up: the next call of the same method needs a manager again.
      expect((await t.refusal(method, {})).code, `${method} again`).toBe('manager_required');
    }
  });

  it('lets a cashier do every signed-in method without a manager', async () => {
    await signInAs(t.engine, 'cashier');
    for (const method of methods('signed_in')) {
      const result = await t.engine.dispatch(method, {});
      if (!result.ok) expect(['manager_required', 'sign_in_required'], method).not.toContain(result.error.code);
    }
  });

  it('an approval serves only its method, only the cashier it was given to, and not after a switch', async () => {
    await signInAs(t.engine, 'cashier');
    await approve('people.users');
    expect((await t.refusal('providers.settings.list', {})).code).toBe('manager_required');
    // The other method's call did not take it: people.users still has its approval… until a switch.
    await t.call('people.lock', {});
    await signInAs(t.engine, 'cashier');
    expect((await t.refusal('people.users', {})).code).toBe('manager_required');
    await approve('people.users');
    expect((await t.call('people.users', {})).length).toBeGreaterThan(0);
  });

  it('the providers’ own day figures (Pay.: the whole account’s volume) are a manager’s', async () => {
    await signInAs(t.engine, 'cashier');
    expect(METHOD_ACCESS['day.askProviders']).toBe('manager');
    expect((await t.refusal('day.askProviders', {})).code).toBe('manager_required');
  });

  it('does not take an approval from a cashier, a wrong PIN, or for a method that needs none', async () => {
    await signInAs(t.engine, 'cashier');
    const cashierId = await ensureTestPerson(t.engine, 'cashier');
    expect(
      (
        await t.refusal('people.approve', {
          userId: cashierId,
          pin: TEST_PEOPLE.cashier.pin,
          method: 'payments.refund',
        })
      ).code,
    ).toBe('manager_required');
    expect(
      (await t.refusal('people.approve', { userId: managerId, pin: '0000', method: 'payments.refund' })).code,
    ).toBe('pin_wrong');
    expect(
      (await t.refusal('people.approve', { userId: managerId, pin: TEST_PEOPLE.manager.pin, method: 'payments.get' }))
        .code,
    ).toBe('approval_not_needed');
    expect((await t.refusal('payments.refund', {})).code).toBe('manager_required');
    // The wrong PIN counted towards the manager's lock-out; a right one starts the count again.
    await approve('payments.refund');
  });

  it('locks the screen on request: everything but sign-in is refused until someone signs in', async () => {
    await signInAs(t.engine, 'manager');
    const locked = await t.call('people.lock', {});
    expect(locked).toMatchObject({ locked: true, user: { name: 'Test Manager' } });
    expect((await t.refusal('payments.today', {})).code).toBe('session_locked');
    expect((await t.refusal('people.users', {})).code).toBe('session_locked');
    await signInAs(t.engine, 'cashier');
    expect(await t.call('people.session', {})).toMatchObject({ locked: false, user: { name: 'Test Cashier' } });
    await t.call('people.signOut', {});
    expect((await t.refusal('payments.today', {})).code).toBe('sign_in_required');
  });

  it('a manager does user admin; managers and owners are the owner’s to create', async () => {
    await signInAs(t.engine, 'manager');
    const rows = await t.call('people.create', { name: 'New Cashier', role: 'cashier', pin: '4321' });
    const created = rows.find((row) => row.name === 'New Cashier');
    expect(created).toMatchObject({ role: 'cashier', active: true, source: 'local', lockedOut: false });
    expect((await t.refusal('people.create', { name: 'Boss Two', role: 'manager', pin: '4321' })).code).toBe(
      'owner_required',
    );
    await signInAs(t.engine, 'owner');
    expect(
      (await t.call('people.create', { name: 'Boss Two', role: 'manager', pin: '4321' })).map((r) => r.name),
    ).toContain('Boss Two');
    await t.call('people.resetPin', { userId: created?.id as string, pin: '8765' });
    await t.call('people.deactivate', { userId: created?.id as string });
    expect((await t.call('people.list', {})).map((p) => p.name)).not.toContain('New Cashier');
    const ownerId = await ensureTestPerson(t.engine, 'owner');
    expect((await t.refusal('people.deactivate', { userId: ownerId })).code).toBe('cannot_deactivate_self');
  });
});
