import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../../shared/api/roles';

/** A signed-in person as the core knows them; never carries a PIN or its hash. */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
}

/**
 * Who is behind the call the core is running now: the person signed in at the station, and the
 * manager who approved this one action on the cashier's screen (if any). The API dispatch sets it
 * around each handler; anything deeper (the audit trail, a void, a refund) reads it with
 * `currentActing()` instead of having it threaded through every signature.
 */
export interface Acting {
  readonly actor: Actor | null;
  readonly approvedBy: Actor | null;
}

const storage = new AsyncLocalStorage<Acting>();

const NOBODY: Acting = { actor: null, approvedBy: null };

export function runActing<T>(acting: Acting, work: () => T): T {
  return storage.run(acting, work);
}

/** The call's people; outside an API call (recovery, polling, webhooks) nobody: the system acted. */
export function currentActing(): Acting {
  return storage.getStore() ?? NOBODY;
}
