import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { Role } from '../../../shared/api/method-access';
import type { PeopleSession, UserAdminRow } from '../../../shared/api/people-schemas';
import type { AuditAppend } from '../audit/audit-entry';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { SettingsRepository } from '../repositories/settings';
import { currentActing } from './acting';
import { IDLE_LOCK_KEY, type PeopleService } from './people-service';
import { hashSecret } from './pin-hash';
import type { UserRecord, UserRepository } from './user-repository';

const isManagerRole = (role: Role) => role === 'manager' || role === 'owner';

/**
 * What a manager does on the users screen, and the first run's owner. Each change and its audit
 * row are one transaction. Managers look after cashiers; a manager or owner account is the owner's
 * to create, reset or deactivate (a manager may reset their own PIN). Users from the back-office
 * are the back-office's: changed there, not here.
 */
export function createUserAdmin(deps: {
  db: Db;
  users: UserRepository;
  settings: SettingsRepository;
  people: PeopleService;
  clock: Clock;
  audit?: AuditAppend;
}) {
  const { db, users, people, clock } = deps;
  const now = () => clock.now().toISOString();
  const audit = deps.audit ?? (() => {});

  function rows(): UserAdminRow[] {
    return users.list().map((user) => ({
      id: user.id,
      name: user.name,
      role: user.role,
      lockedOut: user.lockedAt !== null,
      needsEnrolment: user.pinHash === null,
      active: user.active,
      source: user.source,
    }));
  }

  /** The person deciding: the signed-in manager, or the manager who approved this one call. */
  function decider() {
    const { actor, approvedBy } = currentActing();
    if (approvedBy) return approvedBy;
    return actor;
  }

  function assertMayManage(target: { role: Role; id?: string }): void {
    const who = decider();
    if (!who) throw new ApiError('sign_in_required', 'sign in first');
    if (isManagerRole(target.role) && who.role !== 'owner' && who.userId !== target.id) {
      throw new ApiError('owner_required', 'only the owner manages managers');
    }
  }

  function existing(userId: string): UserRecord {
    const user = users.get(userId);
    if (!user) throw new ApiError('not_found', 'no such user');
    return user;
  }

  function local(user: UserRecord): void {
    if (user.source === 'backoffice')
      throw new ApiError('user_from_backoffice', 'this user is managed in the back-office');
  }

  return {
    rows,
    async createOwner(name: string, pin: string): Promise<PeopleSession> {
      const pinHash = await hashSecret(pin);
      const id = randomUUID();
      db.transaction(() => {
        if (users.count() > 0) throw new ApiError('users_exist', 'the first owner exists already');
        users.insert({ id, name, role: 'owner', pinHash, enrolmentCodeHash: null, source: 'local' }, now());
        audit({ action: 'user.create', subject: { kind: 'user', id }, after: { name, role: 'owner', pin: 'set' } });
      }).immediate();
      people.signInNew(id);
      return people.session();
    },
    async create(name: string, role: Role, pin: string): Promise<UserAdminRow[]> {
      assertMayManage({ role });
      const pinHash = await hashSecret(pin);
      const id = randomUUID();
      db.transaction(() => {
        users.insert({ id, name, role, pinHash, enrolmentCodeHash: null, source: 'local' }, now());
        audit({ action: 'user.create', subject: { kind: 'user', id }, after: { name, role, pin: 'set' } });
      }).immediate();
      return rows();
    },
    async resetPin(userId: string, pin: string): Promise<UserAdminRow[]> {
      const user = existing(userId);
      local(user);
      assertMayManage(user);
      const pinHash = await hashSecret(pin);
      db.transaction(() => {
        users.setPin(userId, pinHash, now());
        audit({ action: 'user.pin_reset', subject: { kind: 'user', id: userId }, after: { pin: 'changed' } });
      }).immediate();
      return rows();
    },
    unlock(userId: string): UserAdminRow[] {
      const user = existing(userId);
      assertMayManage(user);
      db.transaction(() => {
        users.unlock(userId, now());
        audit({
          action: 'user.unlock',
          subject: { kind: 'user', id: userId },
          before: { lockedOut: user.lockedAt !== null, failedAttempts: user.failedAttempts },
          after: { lockedOut: false, failedAttempts: 0 },
        });
      }).immediate();
      return rows();
    },
    deactivate(userId: string): UserAdminRow[] {
      const user = existing(userId);
      local(user);
      assertMayManage(user);
      if (decider()?.userId === userId) throw new ApiError('cannot_deactivate_self', 'you cannot deactivate yourself');
      db.transaction(() => {
        users.setActive(userId, false, now());
        audit({
          action: 'user.deactivate',
          subject: { kind: 'user', id: userId },
          before: { active: true },
          after: { active: false },
        });
      }).immediate();
      people.refresh();
      return rows();
    },
    setIdleLock(minutes: number | null): PeopleSession {
      const before = people.idleLockMinutes();
      db.transaction(() => {
        deps.settings.set(IDLE_LOCK_KEY, minutes === null ? 'off' : String(minutes));
        audit({ action: 'people.idle_lock', subject: null, before: { minutes: before }, after: { minutes } });
      }).immediate();
      return people.session();
    },
  };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;
