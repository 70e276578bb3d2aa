import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebUpdater } from 'electron-updater';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUpdateController, UPDATE_TIMING, type UpdaterLike } from '../../../electron/main/update-controller';

/**
 * electron-updater's real logic (feed parsing, version comparison, download, size and sha512
 * check, cache) against a local feed server. Only two things are replaced: Electron's `app`
 * (electron-updater takes an AppAdapter for that) and Electron's `net` transport, by Node's http.
 */
class NodeHttpExecutor extends ElectronHttpExecutor {
  override createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void) {
    const request = http.request(options);
    request.on('response', callback);
    return request as never;
  }
  override addRedirectHandlers() {}
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function feed(options: { version: string; payload: Buffer; serve?: (res: http.ServerResponse) => void }) {
  const sha512 = createHash('sha512').update(options.payload).digest('base64');
  const file = `kassa_${options.version}_amd64.deb`;
  const manifest = [
    `version: ${options.version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${options.payload.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith('/latest-linux')) {
      res.end(manifest);
    } else if (req.url === `/${file}`) {
      if (options.serve) options.serve(res);
      else res.end(options.payload);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

function realUpdater(currentVersion: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-updater-'));
  writeFileSync(
    join(dir, 'app-update.yml'),
    'provider: generic\nurl: https://updates.kassa.invalid/kassa\nupdaterCacheDirName: kassa-updater\n',
  );
  const app = {
    version: currentVersion,
    name: 'kassa',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: dir,
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: vi.fn(),
    quit: vi.fn(),
    onQuit: vi.fn(),
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
  return { updater, dir, app, quitAndInstall };
}

function controller(updater: UpdaterLike, dir: string, overrides: { open?: () => number; agree?: boolean } = {}) {
  const scheduled: { ms: number; fn: () => void }[] = [];
  const lines: string[] = [];
  const installs: (() => void)[] = [];
  const askCashier = vi.fn(async () => overrides.agree ?? true);
  const deps = {
    updater,
    feedUrl: '',
    userData: dir,
    currentVersion: '1.0.0',
    log: (line: string) => lines.push(line),
    countOpenPayments: async () => overrides.open?.() ?? 0,
    askCashier,
    quitAndInstall: (install: () => void) => installs.push(install),
    schedule: (fn: () => void, ms: number) => scheduled.push({ fn, ms }),
  };
  return { deps, scheduled, lines, installs, askCashier };
}

const downloaded = (updater: DebUpdater) =>
  new Promise<{ version: string }>((resolve) => updater.once('update-downloaded', resolve));
const failed = (updater: DebUpdater) => new Promise<Error>((resolve) => updater.once('error', resolve));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('updates from a self-hosted feed', () => {
  it('checks in the background, downloads and verifies, and installs only after the cashier agrees', async () => {
    const payload = Buffer.from('a .deb of Kassa 1.1.0');
    const server = await feed({ version: '1.1.0', payload });
    const { updater, dir, quitAndInstall } = realUpdater('1.0.0');
    const { deps, scheduled, installs, askCashier, lines } = controller(updater, dir);
    const control = createUpdateController({ ...deps, feedUrl: server.url });
    control.start();
    expect(scheduled[0]?.ms).toBe(UPDATE_TIMING.firstCheckMs);
    const ready = downloaded(updater);
    scheduled[0]?.fn();
    expect((await ready).version).toBe('1.1.0');
    await settle();
    expect(server.requests).toContain('/kassa_1.1.0_amd64.deb');
    expect(lines).toContain('update: 1.1.0 downloaded and verified');
    expect(askCashier).toHaveBeenCalledWith('1.1.0');
    expect(installs).toHaveLength(1);
    expect(quitAndInstall).not.toHaveBeenCalled();
    installs[0]?.(); // after the core closed its database (quit guard)
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('waits while a payment is open and does not ask; asks once the counter is free', async () => {
    const server = await feed({ version: '1.1.0', payload: Buffer.from('x') });
    const { updater, dir } = realUpdater('1.0.0');
    let open = 1;
    const { deps, scheduled, askCashier, installs } = controller(updater, dir, { open: () => open });
    const control = createUpdateController({ ...deps, feedUrl: server.url });
    const ready = downloaded(updater);
    await control.check();
    await ready;
    await settle();
    expect(askCashier).not.toHaveBeenCalled();
    const retry = scheduled.find((s) => s.ms === UPDATE_TIMING.openPaymentRetryMs);
    expect(retry).toBeDefined();
    open = 0;
    retry?.fn();
    await settle();
    expect(askCashier).toHaveBeenCalledTimes(1);
    expect(installs).toHaveLength(1);
  });

  it('"later" installs nothing now and asks again hours later (closing Kassa installs it at the end of the day)', async () => {
    const server = await feed({ version: '1.1.0', payload: Buffer.from('x') });
    const { updater, dir } = realUpdater('1.0.0');
    const { deps, scheduled, installs } = controller(updater, dir, { agree: false });
    const control = createUpdateController({ ...deps, feedUrl: server.url });
    const ready = downloaded(updater);
    await control.check();
    await ready;
    await settle();
    expect(installs).toHaveLength(0);
    expect(scheduled.map((s) => s.ms)).toContain(UPDATE_TIMING.remindAfterMs);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('a corrupted or cut-off download is an error, never an install; the counter keeps its version', async () => {
    const payload = Buffer.from('the real installer bytes, long enough to be cut off halfway');
    for (const serve of [
      (res: http.ServerResponse) =>
        res.end(Buffer.from('tampered installer bytes, same length as the real one!!!!!!!!')),
      (res: http.ServerResponse) => {
        res.setHeader('content-length', payload.length);
        res.write(payload.subarray(0, 10));
        res.destroy();
      },
    ]) {
      const server = await feed({ version: '1.1.0', payload, serve });
      const { updater, dir, quitAndInstall } = realUpdater('1.0.0');
      const { deps, askCashier, installs, lines } = controller(updater, dir);
      const control = createUpdateController({ ...deps, feedUrl: server.url });
      const error = failed(updater);
      await control.check();
      expect((await error).message).toMatch(/sha512|size|aborted|socket|closed|ECONNRESET|premature/i);
      await settle();
      expect(control.readyVersion).toBeNull();
      expect(askCashier).not.toHaveBeenCalled();
      expect(installs).toHaveLength(0);
      expect(quitAndInstall).not.toHaveBeenCalled();
      expect(lines.some((l) => l.startsWith('update'))).toBe(true);
    }
  });

  it('an unreachable feed or an older version changes nothing', async () => {
    const { updater, dir } = realUpdater('2.0.0');
    const { deps, askCashier } = controller(updater, dir);
    const older = await feed({ version: '1.1.0', payload: Buffer.from('x') });
    await createUpdateController({ ...deps, feedUrl: older.url }).check();
    await createUpdateController({ ...deps, feedUrl: 'http://127.0.0.1:9/' }).check();
    await settle();
    expect(askCashier).not.toHaveBeenCalled();
    expect(updater.allowDowngrade).toBe(false);
  });

  it('stops offering an update that did not take twice (the same old version started again)', async () => {
    const server = await feed({ version: '1.1.0', payload: Buffer.from('x') });
    const dir = mkdtempSync(join(tmpdir(), 'kassa-attempts-'));
    const offers: number[] = [];
    for (let start = 1; start <= UPDATE_TIMING.maxInstallAttempts + 1; start++) {
      const { updater } = realUpdater('1.0.0');
      const { deps, installs, lines } = controller(updater, dir);
      const ready = downloaded(updater);
      await createUpdateController({ ...deps, feedUrl: server.url }).check();
      await ready;
      await settle();
      offers.push(installs.length);
      if (start > UPDATE_TIMING.maxInstallAttempts) {
        expect(lines.at(-1)).toContain('did not install');
        expect(updater.autoInstallOnAppQuit).toBe(false);
      }
    }
    expect(offers).toEqual([1, 1, 0]);
  });
});
