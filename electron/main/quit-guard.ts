/**
 * Every way out (window close button, Cmd+Q, an update's restart, the OS logging off) goes through
 * here: a payment still open asks the cashier first; then the core finishes its current commit and
 * closes the database; only then does the app exit.
 */
export interface QuitGuardDeps {
  /** Open payments right now (0 when the core cannot tell, e.g. it is not running). */
  countOpenPayments(): Promise<number>;
  /** Asks the cashier; true = quit anyway. */
  confirmQuitWithOpenPayments(count: number): Promise<boolean>;
  stopCore(): Promise<void>;
  /** Leaves for real (app.quit() again, or the updater's quitAndInstall). */
  exit(): void;
}

export type QuitState = 'running' | 'confirming' | 'stopping' | 'done';

export function createQuitGuard(deps: QuitGuardDeps) {
  let state: QuitState = 'running';
  let exitAction: () => void = deps.exit;

  return {
    get state(): QuitState {
      return state;
    },
    /** For before-quit and the window's close event: true = let it happen now. */
    allowsExit(): boolean {
      return state === 'done';
    },
    /** Starts the quit flow (once); resolves false when the cashier stayed. */
    async request(options: { confirm?: boolean; exitWith?: () => void } = {}): Promise<boolean> {
      if (state !== 'running') return false;
      state = 'confirming';
      let open = 0;
      try {
        open = await deps.countOpenPayments();
      } catch {
        open = 0;
      }
      if (open > 0 && options.confirm !== false && !(await deps.confirmQuitWithOpenPayments(open))) {
        state = 'running';
        return false;
      }
      state = 'stopping';
      exitAction = options.exitWith ?? deps.exit;
      try {
        await deps.stopCore();
      } finally {
        state = 'done';
        exitAction();
      }
      return true;
    },
  };
}

export async function countOpenPaymentsVia(
  call: (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown }>,
): Promise<number> {
  const result = await call('payments.active', {});
  return result.ok && Array.isArray(result.value) ? result.value.length : 0;
}
