import { isMethodName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { METHOD_ACCESS } from '../../../shared/api/method-access';
import type { ManagerApproval, PeopleSession, PersonTile } from '../../../shared/api/people-schemas';
import type { Clock } from '../clock';
import type { SettingsRepository } from '../repositories/settings';
import type { Acting, Actor } from './acting';
import { hashSecret, verifySecret } from './pin-hash';
import { createStationSession } from './station-session';
import type { UserRecord, UserRepository } from './user-repository';

/** Wrong PINs in a row before a user is locked out until a manager unlocks them. */
export const FAILED_PIN_LIMIT = 5;
export const IDLE_LOCK_KEY = 'people.idleLockMinutes';
/** A new install locks an unattended counter after this many minutes, until a manager says otherwise. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

const isManager = (role: string) => role === 'manager' || role === 'owner';
export const actorOf = (user: UserRecord): Actor => ({ userId: user.id, name: user.name, role: user.role });

/**
 * Sign-in, the station's session and the manager's one-action approval. The API dispatch asks
 * `authorize` before every handler; nothing in here ever returns or logs a PIN or a hash.
 */
export function createPeopleService(deps: {
  users: UserRepository;
  settings: SettingsRepository;
  clock: Clock;
  /** Until a manager sets the idle lock: DEFAULT_IDLE_LOCK_MINUTES, or none. */
  idleLockDefaultMinutes: number | null;
}) {
  const { users, settings, clock } = deps;
  const idleLockMinutes = (): number | null => {
    const stored = settings.get(IDLE_LOCK_KEY);
    if (stored === null) return deps.idleLockDefaultMinutes;
    return stored === 'off' ? null : Number(stored);
  };
  const station = createStationSession({ clock, idleLockMinutes });
  // A hash to check against when the user is unknown, so a wrong id costs the same time as a wrong PIN.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => {
    decoy ??= hashSecret('000000');
    return decoy;
  };
  const now = () => clock.now().toISOString();

  /** The signed-in user while they still may be: a deactivated or locked-out user is signed out. */
  function signedInUser(): { user: UserRecord; locked: boolean } | null {
    const current = station.current();
    if (!current) return null;
    const user = users.get(current.userId);
    if (!user?.active || user.lockedAt) {
      station.signOut();
      return null;
    }
    return { user, locked: current.locked };
  }

  function session(): PeopleSession {
    const current = signedInUser();
    return {
      user: current ? { id: current.user.id, name: current.user.name, role: current.user.role } : null,
      locked: current?.locked ?? false,
      idleLockMinutes: idleLockMinutes(),
      firstRun: users.count() === 0,
    };
  }

  /**
   * Checks a user's PIN (or enrolment code) and counts a wrong one: at the limit the user is
   * locked out. Throws the refusal the person at the screen should see.
   */
  async function checkSecret(userId: string, secret: string, which: 'pin' | 'code'): Promise<UserRecord> {
    const user = users.get(userId);
    const hash = which === 'pin' ? user?.pinHash : user?.enrolmentCodeHash;
    const matches = await verifySecret(secret, hash ?? (await decoyHash()));
    if (!user?.active) throw new ApiError('user_inactive', 'no such active user');
    if (user.lockedAt) throw new ApiError('user_locked_out', 'too many wrong PINs: a manager must unlock', {});
    if (which === 'pin' && !user.pinHash)
      throw new ApiError('enrolment_required', 'set a PIN with the enrolment code first');
    if (!hash || !matches) {
      const after = users.recordFailure(userId, FAILED_PIN_LIMIT, now());
      if (after?.lockedAt) throw new ApiError('user_locked_out', 'too many wrong PINs: a manager must unlock');
      const attemptsLeft = FAILED_PIN_LIMIT - (after?.failedAttempts ?? 0);
      throw new ApiError(which === 'pin' ? 'pin_wrong' : 'enrolment_code_wrong', 'wrong', { attemptsLeft });
    }
    users.recordSuccess(userId);
    return user;
  }

  return {
    session,
    idleLockMinutes,
    /** Active users for the sign-in tiles. */
    tiles(): PersonTile[] {
      return users
        .list()
        .filter((user) => user.active)
        .map((user) => ({
          id: user.id,
          name: user.name,
          role: user.role,
          lockedOut: user.lockedAt !== null,
          needsEnrolment: user.pinHash === null,
        }));
    },
    touch(): PeopleSession {
      station.touch();
      return session();
    },
    async signIn(userId: string, pin: string): Promise<PeopleSession> {
      const user = await checkSecret(userId, pin, 'pin');
      station.signIn(user.id);
      return session();
    },
    /** The enrolment code proves who they are; the PIN they chose is stored as a hash. */
    async enrol(userId: string, code: string, pin: string): Promise<PeopleSession> {
      await checkSecret(userId, code, 'code');
      users.setPin(userId, await hashSecret(pin), now());
      station.signIn(userId);
      return session();
    },
    /** Signs a user in without a PIN: only right after they chose it (first-run owner). */
    signInNew(userId: string): void {
      station.signIn(userId);
    },
    signOut(): PeopleSession {
      station.signOut();
      return session();
    },
    lock(): PeopleSession {
      station.lock();
      return session();
    },
    async approve(userId: string, pin: string, method: string): Promise<ManagerApproval> {
      if (!isMethodName(method) || METHOD_ACCESS[method] !== 'manager') {
        throw new ApiError('approval_not_needed', `${method} needs no manager`, { method });
      }
      const manager = await checkSecret(userId, pin, 'pin');
      if (!isManager(manager.role)) throw new ApiError('manager_required', 'only a manager can approve', { method });
      const { expiresAt } = station.grant(method, actorOf(manager));
      return {
        method,
        approvedBy: { id: manager.id, name: manager.name, role: manager.role },
        expiresAt: expiresAt.toISOString(),
      };
    },
    /**
     * What the API dispatch asks before running `method`: who acts, and which manager approved
     * this one call; or the refusal. A call that passes counts as activity for the idle lock.
     */
    authorize(method: string, access: 'open' | 'signed_in' | 'manager'): Acting {
      const current = signedInUser();
      const actor = current && !current.locked ? actorOf(current.user) : null;
      if (access === 'open') return { actor, approvedBy: null };
      if (!current) throw new ApiError('sign_in_required', 'sign in first');
      if (current.locked || !actor) throw new ApiError('session_locked', 'the screen is locked: sign in');
      station.touch();
      if (access === 'signed_in' || isManager(actor.role)) return { actor, approvedBy: null };
      const approvedBy = station.takeApproval(method);
      if (!approvedBy) throw new ApiError('manager_required', 'a manager must do or approve this', { method });
      const manager = users.get(approvedBy.userId);
      if (!manager?.active || manager.lockedAt || !isManager(manager.role)) {
        throw new ApiError('manager_required', 'the approving manager is no longer a manager', { method });
      }
      return { actor, approvedBy };
    },
    /** The user was changed (deactivated, locked out): re-check the session at once. */
    refresh(): void {
      signedInUser();
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
