import type { Clock } from '../clock';
import type { Actor } from './acting';

/** How long a manager's approval typed on the cashier's screen stays usable. */
export const APPROVAL_TTL_MS = 2 * 60_000;

interface Signed {
  readonly userId: string;
  locked: boolean;
  lastActivityMs: number;
}

interface Approval {
  readonly method: string;
  readonly manager: Actor;
  /** The session the approval was given in: a switch of user voids it. */
  readonly forUserId: string;
  readonly expiresMs: number;
}

/**
 * The one session of this station (one engine = one counter), in memory only: a restart signs
 * everybody out. Holds who is signed in, whether the screen is locked (quick switch or idle), and
 * at most one pending manager approval, which the next call of its method takes and so uses up.
 */
export function createStationSession(deps: { clock: Clock; idleLockMinutes: () => number | null }) {
  let signed: Signed | null = null;
  let approval: Approval | null = null;
  const nowMs = () => deps.clock.now().getTime();

  /** Locks the screen when the manager's idle time has passed since the last activity. */
  function lockIfIdle(): void {
    const minutes = deps.idleLockMinutes();
    if (signed && !signed.locked && minutes !== null && nowMs() - signed.lastActivityMs >= minutes * 60_000) {
      signed.locked = true;
      approval = null;
    }
  }

  return {
    current(): { userId: string; locked: boolean } | null {
      lockIfIdle();
      return signed ? { userId: signed.userId, locked: signed.locked } : null;
    },
    signIn(userId: string): void {
      signed = { userId, locked: false, lastActivityMs: nowMs() };
      approval = null;
    },
    signOut(): void {
      signed = null;
      approval = null;
    },
    lock(): void {
      if (signed) signed.locked = true;
      approval = null;
    },
    /** Something was done at the screen: the idle time starts again (never for a locked screen). */
    touch(): void {
      lockIfIdle();
      if (signed && !signed.locked) signed.lastActivityMs = nowMs();
    },
    grant(method: string, manager: Actor): { expiresAt: Date } {
      if (!signed) throw new Error('an approval needs a signed-in station');
      const expiresMs = nowMs() + APPROVAL_TTL_MS;
      approval = { method, manager, forUserId: signed.userId, expiresMs };
      return { expiresAt: new Date(expiresMs) };
    },
    /** The approval for this call, if there is one; taken either way, so it can never serve twice. */
    takeApproval(method: string): Actor | null {
      const pending = approval;
      if (!pending || pending.method !== method) return null;
      approval = null;
      const valid = signed && !signed.locked && pending.forUserId === signed.userId && nowMs() < pending.expiresMs;
      return valid ? pending.manager : null;
    },
  };
}

export type StationSession = ReturnType<typeof createStationSession>;
