import { create } from 'zustand';
import type { MethodName } from '../../../../shared/api/contract';
import type { PeopleHooks } from '../../api/manager-approval';

interface PeopleScreenState {
  /** The manager action waiting for an approval on this screen, if any. */
  pendingApproval: MethodName | null;
  /** Grows each time the core said "sign in": the gate asks for the session again. */
  sessionLost: number;
}

export const usePeopleScreen = create<PeopleScreenState>(() => ({ pendingApproval: null, sessionLost: 0 }));

let settle: ((approved: boolean) => void) | null = null;

/** Between the API client (which meets `manager_required`) and the approval dialog (which asks). */
export const peopleBroker: PeopleHooks & { settle(approved: boolean): void } = {
  approve(method) {
    // One approval at a time: a second action refused meanwhile is simply refused.
    if (settle) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      settle = resolve;
      usePeopleScreen.setState({ pendingApproval: method });
    });
  },
  settle(approved) {
    const resolve = settle;
    settle = null;
    usePeopleScreen.setState({ pendingApproval: null });
    resolve?.(approved);
  },
  sessionLost() {
    usePeopleScreen.setState((state) => ({ sessionLost: state.sessionLost + 1 }));
  },
};
