import type { MethodName } from '../../../shared/api/contract';
import type { ApiClient } from './api-client';
import { ClientError } from './client-error';

/** What the screen does when the core asks for a person: the approval dialog and the sign-in gate. */
export interface PeopleHooks {
  /** Shows the manager-approval dialog for this method; true once a manager approved it. */
  approve(method: MethodName): Promise<boolean>;
  /** The core says nobody (or a locked screen) is signed in: show the sign-in screen. */
  sessionLost(): void;
}

const QUIET_AFTER_CANCEL_MS = 5_000;

/**
 * The API client every screen uses, with the manager's approval built in: a call the core refuses
 * with `manager_required` opens the approval dialog on the cashier's screen and, once a manager typed
 * their PIN, is sent again exactly once (the core's approval is one-shot). So every manager action
 * (refund, void, decisions, settings) gets it without code of its own.
 */
export function withManagerApproval(client: ApiClient, hooks: PeopleHooks, now = () => Date.now()): ApiClient {
  // A cancelled approval is not asked again for the same method at once (a query's automatic retry).
  let cancelled: { method: string; at: number } | null = null;
  return {
    subscribe: (listener) => client.subscribe(listener),
    async call(method, input) {
      try {
        return await client.call(method, input);
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        if (error.code === 'sign_in_required' || error.code === 'session_locked') hooks.sessionLost();
        // people.approve itself refuses a non-manager with manager_required: never ask about the asking.
        if (error.code !== 'manager_required' || method === 'people.approve') throw error;
        if (cancelled?.method === method && now() - cancelled.at < QUIET_AFTER_CANCEL_MS) throw error;
        if (!(await hooks.approve(method))) {
          cancelled = { method, at: now() };
          throw error;
        }
        return client.call(method, input);
      }
    },
  };
}
