// Decides whether `npm start` can open the Electron app, and starts it; every way Electron can fail
// to start ends in a reason, so scripts/start.mjs can fall back to browser mode and say why.
import { spawn as nodeSpawn } from 'node:child_process';

/** Why Electron cannot start here, or null when it looks startable. */
export function electronUnavailableReason({ binary, exists, platform, env }) {
  if (!binary) return 'Electron’s binary is not installed on this machine (its download was skipped or failed).';
  if (!exists(binary)) return `Electron’s binary is missing at ${binary} (the download did not finish or was removed).`;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open.';
  }
  return null;
}

/**
 * Starts Electron. Resolves { kind: 'failed', reason } when it cannot be spawned or dies right
 * after starting (missing system libraries, no GPU/display access…), otherwise { kind: 'exited',
 * code } when the app is closed.
 */
export function launchElectron({ binary, args, env = process.env, spawn = nodeSpawn, startupWindowMs = 10_000 }) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let child;
    try {
      child = spawn(binary, args, { stdio: 'inherit', env });
    } catch (error) {
      finish({ kind: 'failed', reason: `Electron could not be started (${error.message}).` });
      return;
    }
    child.on('error', (error) =>
      finish({ kind: 'failed', reason: `Electron could not be started (${error.message}).` }),
    );
    child.on('exit', (code, signal) => {
      const early = Date.now() - startedAt < startupWindowMs;
      if (early && code !== 0) {
        finish({
          kind: 'failed',
          reason: `Electron stopped right after starting (${signal ? `signal ${signal}` : `exit code ${code}`}); see its messages above.`,
        });
      } else {
        finish({ kind: 'exited', code: code ?? 0 });
      }
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
  });
}
