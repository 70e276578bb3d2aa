import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/core/api/dispatch';
import type { Handlers } from '../../electron/core/api/handlers';
import { createPeopleHandlers } from '../../electron/core/api/handlers/people';
import { type Acting, currentActing } from '../../electron/core/people/acting';
import { FAILED_PIN_LIMIT } from '../../electron/core/people/people-service';
import { verifySecret } from '../../electron/core/people/pin-hash';
import { ensureTestPerson, signInAs, TEST_PEOPLE } from '../helpers/sign-in';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const t of engines.splice(0)) await t.close();
});

async function engine(overrides: Parameters<typeof startTestEngine>[0] = {}): Promise<TestEngine> {
  const t = await startTestEngine({ demo: false, signIn: false, autoSync: false, ...overrides });
  engines.push(t);
  return t;
}

describe('PIN sign-in at the counter', () => {
  it('locks a user out after the failed-PIN limit until a manager unlocks them', async () => {
    const t = await engine();
    const cashierId = await ensureTestPerson(t.engine, 'cashier');
    for (let i = 1; i < FAILED_PIN_LIMIT; i++) {
      const refused = await t.refusal('people.signIn', { userId: cashierId, pin: '0000' });
      expect(refused).toMatchObject({ code: 'pin_wrong', params: { attemptsLeft: FAILED_PIN_LIMIT - i } });
    }
    expect((await t.refusal('people.signIn', { userId: cashierId, pin: '0000' })).code).toBe('user_locked_out');
    // Now even the right PIN is refused, and the sign-in screen shows the tile as locked.
    expect((await t.refusal('people.signIn', { userId: cashierId, pin: TEST_PEOPLE.cashier.pin })).code).toBe(
      'user_locked_out',
    );
    expect((await t.call('people.list', {})).find((p) => p.id === cashierId)).toMatchObject({ lockedOut: true });
    // A cashier cannot lift it; a manager can.
    await signInAs(t.engine, 'manager');
    await t.call('people.unlock', { userId: cashierId });
    expect(await t.call('people.signIn', { userId: cashierId, pin: TEST_PEOPLE.cashier.pin })).toMatchObject({
      user: { id: cashierId, role: 'cashier' },
      locked: false,
    });
  });

  it('locks the station after the idle time the manager set; activity keeps it open', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const t = await engine({ clock: { now: () => new Date(now) } });
    await signInAs(t.engine, 'manager');
    expect(await t.call('people.setIdleLock', { minutes: 5 })).toMatchObject({ idleLockMinutes: 5 });
    now += 4 * 60_000;
    await t.call('payments.today', {});
    now += 4 * 60_000;
    expect(await t.call('people.session', { active: true })).toMatchObject({ locked: false });
    now += 5 * 60_000;
    expect((await t.refusal('payments.today', {})).code).toBe('session_locked');
    expect(await t.call('people.session', { active: true })).toMatchObject({
      locked: true,
      user: { name: 'Test Manager' },
    });
    await signInAs(t.engine, 'manager');
    expect(await t.call('payments.today', {})).toEqual([]);
    await t.call('people.setIdleLock', { minutes: null });
    now += 600 * 60_000;
    expect(await t.call('people.session', {})).toMatchObject({ locked: false, idleLockMinutes: null });
  });

  it('a manager approval lapses after two minutes unused', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const t = await engine({ clock: { now: () => new Date(now) } });
    const managerId = await ensureTestPerson(t.engine, 'manager');
    await signInAs(t.engine, 'cashier');
    const approval = await t.call('people.approve', {
      userId: managerId,
      pin: TEST_PEOPLE.manager.pin,
      method: 'people.users',
    });
    expect(Date.parse(approval.expiresAt) - now).toBe(2 * 60_000);
    now += 2 * 60_000;
    expect((await t.refusal('people.users', {})).code).toBe('manager_required');
    await t.call('people.approve', { userId: managerId, pin: TEST_PEOPLE.manager.pin, method: 'people.users' });
    now += 60_000;
    expect((await t.call('people.users', {})).length).toBe(2);
  });

  it('a new install locks after 10 idle minutes until a manager sets otherwise', async () => {
    const t = await engine({ idleLockDefaultMinutes: undefined });
    expect(await t.call('people.session', {})).toMatchObject({ idleLockMinutes: 10, user: null });
  });

  it('first run: only when no user exists the owner is created, and signed in', async () => {
    const t = await engine();
    expect(await t.call('people.session', {})).toMatchObject({ firstRun: true, user: null });
    expect(await t.call('people.list', {})).toEqual([]);
    const session = await t.call('people.createOwner', { name: 'Olga Owner', pin: '5678' });
    expect(session).toMatchObject({ firstRun: false, locked: false, user: { name: 'Olga Owner', role: 'owner' } });
    expect((await t.refusal('people.createOwner', { name: 'Mallory', pin: '1234' })).code).toBe('users_exist');
    expect((await t.call('people.list', {})).map((p) => p.name)).toEqual(['Olga Owner']);
  });

  it('first run is over once the demo back-office brought its users', async () => {
    const t = await engine({ demo: true, demoCustomers: 5 });
    expect((await t.call('people.list', {})).map((p) => p.name)).toEqual([
      'Demo Cashier',
      'Demo Manager',
      'Demo Owner',
    ]);
    expect((await t.refusal('people.createOwner', { name: 'Mallory', pin: '1234' })).code).toBe('users_exist');
    const cashier = (await t.call('people.list', {})).find((p) => p.role === 'cashier');
    expect(await t.call('people.signIn', { userId: cashier?.id as string, pin: '1111' })).toMatchObject({
      user: { name: 'Demo Cashier' },
    });
  });

  it('never puts a PIN or its hash in an answer or a log line, and stores only salted scrypt hashes', async () => {
    const logged: string[] = [];
    const t = await engine({ log: (message, error) => logged.push(`${message} ${String(error ?? '')}`) });
    const answers: unknown[] = [];
    const keep = async <T>(promise: Promise<T>) => {
      answers.push(await promise);
      return promise;
    };
    await keep(t.call('people.createOwner', { name: 'Olga Owner', pin: '5678' }));
    await keep(t.call('people.create', { name: 'Carl Cashier', role: 'cashier', pin: '9012' }));
    const carl = (await keep(t.call('people.users', {}))).find((u) => u.name === 'Carl Cashier');
    answers.push(await t.refusal('people.signIn', { userId: carl?.id as string, pin: '9999' }));
    answers.push(await t.refusal('people.signIn', { userId: carl?.id as string, pin: '12' }));
    await keep(t.call('people.signIn', { userId: carl?.id as string, pin: '9012' }));
    await keep(t.call('people.list', {}));
    await keep(t.call('people.session', {}));
    const olga = (await t.call('people.list', {})).find((p) => p.role === 'owner');
    await keep(t.call('people.approve', { userId: olga?.id as string, pin: '5678', method: 'people.users' }));
    await keep(t.call('people.users', {}));
    const text = JSON.stringify(answers) + logged.join('\n');
    for (const secret of ['scrypt', '"5678"', '"9012"', 'pinHash', 'pin_hash']) expect(text).not.toContain(secret);

    const raw = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const rows = raw.prepare('SELECT name, pin_hash FROM users').all() as { name: string; pin_hash: string }[];
    raw.close();
    const hashes = rows.map((row) => row.pin_hash);
    expect(hashes.every((hash) => /^scrypt\$16384\$8\$1\$[^$]{20,}\$[^$]{40,}$/.test(hash))).toBe(true);
    expect(await verifySecret('9012', rows.find((row) => row.name === 'Carl Cashier')?.pin_hash ?? null)).toBe(true);
    expect(await verifySecret('9013', rows.find((row) => row.name === 'Carl Cashier')?.pin_hash ?? null)).toBe(false);
  });

  it('runs each handler as the signed-in person, with the approving manager, and audits inside the change', async () => {
    const t = await engine();
    const seen: Acting[] = [];
    let failAudit = false;
    const audited: { action: string; acting: Acting }[] = [];
    const { wirePeople } = await import('../../electron/core/engine/wire-people');
    const { openDatabase } = await import('../../electron/core/db/open-database');
    const { openRepositories } = await import('../../electron/core/engine/open-repositories');
    await t.close();
    engines.splice(0);
    const db = openDatabase(join(t.dataDir, 'kassa.sqlite'));
    const people = wirePeople({
      db,
      repos: openRepositories(db),
      clock: { now: () => new Date() },
      log: () => {},
      audit: (entry) => {
        if (failAudit) throw new Error('audit trail unavailable');
        audited.push({ action: entry.action, acting: currentActing() });
      },
    });
    const handlers = {
      ...createPeopleHandlers({ people: people.people, userAdmin: people.userAdmin }),
      'backoffice.settings': async () => {
        seen.push(currentActing());
        return {};
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, () => {}, people.people.authorize);
    const cashier = await ensureTestPerson({ people: { users: people.users } } as never, 'cashier');
    const manager = await ensureTestPerson({ people: { users: people.users } } as never, 'manager');
    await people.people.signIn(cashier, TEST_PEOPLE.cashier.pin);
    await dispatch('people.approve', { userId: manager, pin: TEST_PEOPLE.manager.pin, method: 'backoffice.settings' });
    await dispatch('backoffice.settings', {});
    expect(seen).toEqual([
      {
        actor: { userId: cashier, name: 'Test Cashier', role: 'cashier' },
        approvedBy: { userId: manager, name: 'Test Manager', role: 'manager' },
      },
    ]);
    // The users screen's changes are audited as the person who made them.
    await people.people.signIn(manager, TEST_PEOPLE.manager.pin);
    expect(await dispatch('people.unlock', { userId: cashier })).toMatchObject({ ok: true });
    expect(audited).toEqual([
      { action: 'user.unlock', acting: { actor: expect.objectContaining({ userId: manager }), approvedBy: null } },
    ]);
    // No audit row, no change: the user is not created when its audit row cannot be written.
    failAudit = true;
    expect(await dispatch('people.create', { name: 'Ghost', role: 'cashier', pin: '4444' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(people.users.list().map((user) => user.name)).not.toContain('Ghost');
    db.close();
  });
});
