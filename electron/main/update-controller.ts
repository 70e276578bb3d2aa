import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

/** The slice of electron-updater's AppUpdater the controller drives (so it is testable without Electron). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateControllerDeps {
  readonly updater: UpdaterLike;
  readonly feedUrl: string;
  readonly userData: string;
  readonly currentVersion: string;
  readonly log: (line: string) => void;
  readonly countOpenPayments: () => Promise<number>;
  /** Shows "update ready, restart now?"; true = now. */
  readonly askCashier: (version: string) => Promise<boolean>;
  /** Stops the core cleanly, then runs `install` (the guard's exit action). */
  readonly quitAndInstall: (install: () => void) => void;
  readonly schedule?: (fn: () => void, ms: number) => unknown;
}

export const UPDATE_TIMING = {
  firstCheckMs: 60_000,
  checkEveryMs: 4 * 60 * 60_000,
  /** While a payment is open, look again this often before asking. */
  openPaymentRetryMs: 2 * 60_000,
  /** After "later", ask again this much later (closing Kassa at the end of the day installs it anyway). */
  remindAfterMs: 3 * 60 * 60_000,
  /** An update that did not take (the same old version started again) is not offered again after this many tries. */
  maxInstallAttempts: 2,
};

export const UPDATE_ATTEMPTS_FILE = 'update-attempts.json';
const Attempts = z.record(z.string(), z.object({ from: z.string(), count: z.number().int().nonnegative() }));

/**
 * Background updates from a self-hosted feed. Downloads quietly (electron-updater checks size and
 * sha512, so a partial or corrupted download is an error, not an install), then installs only when
 * no payment is open and the cashier says "now"; otherwise when Kassa is closed (end of day).
 * Any failure is logged and the counter keeps working on the version it has.
 */
export function createUpdateController(deps: UpdateControllerDeps) {
  const schedule = deps.schedule ?? ((fn, ms) => setTimeout(fn, ms).unref());
  const { updater } = deps;
  let ready: string | null = null;
  let asking = false;
  const attemptsFile = join(deps.userData, UPDATE_ATTEMPTS_FILE);

  const attempts = (): z.infer<typeof Attempts> => {
    try {
      return existsSync(attemptsFile) ? Attempts.parse(JSON.parse(readFileSync(attemptsFile, 'utf8'))) : {};
    } catch {
      return {};
    }
  };
  const givenUp = (version: string): boolean => {
    const attempt = attempts()[version];
    return (
      attempt !== undefined && attempt.from === deps.currentVersion && attempt.count >= UPDATE_TIMING.maxInstallAttempts
    );
  };

  updater.autoDownload = true;
  updater.allowDowngrade = false;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });

  updater.on('error', (error) => deps.log(`update: ${error.message}`));
  updater.on('update-downloaded', (info) => {
    if (givenUp(info.version)) {
      updater.autoInstallOnAppQuit = false;
      deps.log(
        `update: ${info.version} did not install ${UPDATE_TIMING.maxInstallAttempts} times; staying on ${deps.currentVersion}`,
      );
      return;
    }
    ready = info.version;
    deps.log(`update: ${info.version} downloaded and verified`);
    void offer();
  });

  async function check(): Promise<void> {
    try {
      const result = await updater.checkForUpdates();
      // A failed background download is reported through the 'error' event (logged above); the
      // promise must not also surface as an unhandled rejection in the main process.
      result?.downloadPromise?.catch(() => {});
    } catch (error) {
      deps.log(`update check failed: ${(error as Error).message}`);
    }
  }

  async function offer(): Promise<void> {
    const version = ready;
    if (version === null || asking) return;
    let open: number;
    try {
      open = await deps.countOpenPayments();
    } catch {
      open = 1;
    }
    if (open > 0) {
      schedule(() => void offer(), UPDATE_TIMING.openPaymentRetryMs);
      return;
    }
    asking = true;
    const now = await deps.askCashier(version).finally(() => {
      asking = false;
    });
    if (!now) {
      schedule(() => void offer(), UPDATE_TIMING.remindAfterMs);
      return;
    }
    // A payment may have started while the question was open.
    if ((await deps.countOpenPayments().catch(() => 1)) > 0) {
      schedule(() => void offer(), UPDATE_TIMING.openPaymentRetryMs);
      return;
    }
    recordAttempt(version);
    deps.log(`update: installing ${version}`);
    deps.quitAndInstall(() => updater.quitAndInstall(false, true));
  }

  function recordAttempt(version: string): void {
    const all = attempts();
    const previous = all[version];
    all[version] = {
      from: deps.currentVersion,
      count: previous?.from === deps.currentVersion ? previous.count + 1 : 1,
    };
    writeFileAtomic(attemptsFile, JSON.stringify(all), 0o644);
  }

  return {
    start(): void {
      const loop = () => {
        void check();
        schedule(loop, UPDATE_TIMING.checkEveryMs);
      };
      schedule(loop, UPDATE_TIMING.firstCheckMs);
    },
    check,
    offer,
    get readyVersion(): string | null {
      return ready;
    },
  };
}
