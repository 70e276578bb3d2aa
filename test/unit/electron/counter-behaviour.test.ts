import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DESKTOP_CONFIG_FILE,
  DesktopConfigError,
  loadDesktopSettings,
  localUserDataFolder,
} from '../../../electron/main/desktop-config';
import { countOpenPaymentsVia, createQuitGuard } from '../../../electron/main/quit-guard';
import { createRotatingLog } from '../../../electron/main/rotating-log';
import { loadWindowState, saveWindowState } from '../../../electron/main/window-state';

const folder = () => mkdtempSync(join(tmpdir(), 'kassa-counter-'));
const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('closing Kassa', () => {
  function guard(open: number, answer: boolean) {
    const order: string[] = [];
    const deps = {
      countOpenPayments: vi.fn(async () => open),
      confirmQuitWithOpenPayments: vi.fn(async () => {
        order.push('asked');
        return answer;
      }),
      stopCore: vi.fn(async () => {
        order.push('core stopped');
      }),
      exit: vi.fn(() => order.push('exit')),
    };
    return { quit: createQuitGuard(deps), deps, order };
  }

  it('asks when a payment is open; staying keeps everything running', async () => {
    const { quit, deps } = guard(1, false);
    expect(quit.allowsExit()).toBe(false);
    expect(await quit.request()).toBe(false);
    expect(deps.confirmQuitWithOpenPayments).toHaveBeenCalledWith(1);
    expect(deps.stopCore).not.toHaveBeenCalled();
    expect(quit.state).toBe('running');
  });

  it('quitting anyway: the core closes its database first, then the app exits', async () => {
    const { quit, order } = guard(2, true);
    expect(await quit.request()).toBe(true);
    expect(order).toEqual(['asked', 'core stopped', 'exit']);
    expect(quit.allowsExit()).toBe(true);
  });

  it('does not ask when nothing is open, and runs the quit flow once however often it is asked', async () => {
    const { quit, deps, order } = guard(0, false);
    const first = quit.request();
    expect(await quit.request()).toBe(false);
    await first;
    expect(deps.confirmQuitWithOpenPayments).not.toHaveBeenCalled();
    expect(order).toEqual(['core stopped', 'exit']);
  });

  it('counts open payments through the core (payments.active), 0 when the core cannot answer', async () => {
    expect(await countOpenPaymentsVia(async () => ({ ok: true, value: [{}, {}] }))).toBe(2);
    expect(await countOpenPaymentsVia(async () => ({ ok: false }))).toBe(0);
  });
});

describe('the desktop configuration for scripted installs', () => {
  it('reads kassa.config.json from the user data folder; environment variables win', () => {
    const dir = folder();
    writeFileSync(
      join(dir, DESKTOP_CONFIG_FILE),
      JSON.stringify({
        kiosk: true,
        startAtLogin: true,
        demo: false,
        updates: { url: 'https://updates.example.nl/kassa' },
        backoffice: { url: 'https://bo.example.nl', token: 'T', stationId: 'C2' },
        environment: { KASSA_PAYNL_TOKEN: 'AT-1' },
      }),
    );
    expect(loadDesktopSettings(dir, {})).toEqual({
      kiosk: true,
      startAtLogin: true,
      updateFeedUrl: 'https://updates.example.nl/kassa',
      coreEnvFromFile: {
        KASSA_DEMO: '0',
        KASSA_BACKOFFICE_URL: 'https://bo.example.nl',
        KASSA_BACKOFFICE_TOKEN: 'T',
        KASSA_STATION_ID: 'C2',
        KASSA_PAYNL_TOKEN: 'AT-1',
      },
    });
    expect(loadDesktopSettings(dir, { KASSA_KIOSK: '0', KASSA_UPDATE_URL: 'https://u2.example.nl' })).toMatchObject({
      kiosk: false,
      updateFeedUrl: 'https://u2.example.nl',
    });
  });

  it('has sensible defaults without a file', () => {
    expect(loadDesktopSettings(folder(), {})).toEqual({
      kiosk: false,
      startAtLogin: false,
      updateFeedUrl: null,
      coreEnvFromFile: {},
    });
  });

  it('refuses a plain-http back-office or update feed outside loopback, unknown keys and non-KASSA variables', () => {
    const dir = folder();
    const write = (config: unknown) => writeFileSync(join(dir, DESKTOP_CONFIG_FILE), JSON.stringify(config));
    write({ backoffice: { url: 'http://bo.example.nl', token: 'T' } });
    expect(() => loadDesktopSettings(dir, {})).toThrow(/must use https/);
    write({});
    expect(() => loadDesktopSettings(dir, { KASSA_BACKOFFICE_URL: 'http://10.0.0.2:4010' })).toThrow(
      DesktopConfigError,
    );
    expect(loadDesktopSettings(dir, { KASSA_BACKOFFICE_URL: 'http://127.0.0.1:4010' }).kiosk).toBe(false);
    expect(() => loadDesktopSettings(dir, { KASSA_UPDATE_URL: 'http://updates.example.nl' })).toThrow(/update feed/);
    write({ kiosk: true, colour: 'green' });
    expect(() => loadDesktopSettings(dir, {})).toThrow(DesktopConfigError);
    write({ environment: { NODE_OPTIONS: '--require x' } });
    expect(() => loadDesktopSettings(dir, {})).toThrow(/KASSA_/);
    writeFileSync(join(dir, DESKTOP_CONFIG_FILE), '{ not json');
    expect(() => loadDesktopSettings(dir, {})).toThrow(/not valid JSON/);
  });

  it('keeps the data in the local (non-roaming) folder on Windows', () => {
    expect(
      localUserDataFolder(
        'win32',
        { LOCALAPPDATA: 'C:\\Users\\shop\\AppData\\Local' },
        'C:\\Users\\shop\\AppData\\Roaming\\Kassa',
        'Kassa',
      ),
    ).toBe(join('C:\\Users\\shop\\AppData\\Local', 'Kassa'));
    expect(localUserDataFolder('linux', { LOCALAPPDATA: 'x' }, '/home/shop/.config/Kassa', 'Kassa')).toBe(
      '/home/shop/.config/Kassa',
    );
    expect(localUserDataFolder('win32', {}, 'C:\\Roaming\\Kassa', 'Kassa')).toBe('C:\\Roaming\\Kassa');
  });
});

describe('the window size and position', () => {
  it('comes back as saved, unless it would be off every display (monitor unplugged) or the file is bad', () => {
    const file = join(folder(), 'window-state.json');
    expect(loadWindowState(file, [display])).toBeNull();
    saveWindowState(file, { x: 100, y: 50, width: 1280, height: 800, maximized: false });
    expect(loadWindowState(file, [display])).toEqual({ x: 100, y: 50, width: 1280, height: 800, maximized: false });
    saveWindowState(file, { x: 2500, y: 50, width: 1280, height: 800, maximized: true });
    expect(loadWindowState(file, [display])).toBeNull();
    expect(loadWindowState(file, [display, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500 });
    writeFileSync(file, '{"x":1}');
    expect(loadWindowState(file, [display])).toBeNull();
  });
});

describe('the rotating log under the user data folder', () => {
  it('rotates at the size limit and keeps a fixed number of old files', () => {
    const dir = folder();
    const file = join(dir, 'logs', 'kassa.log');
    const log = createRotatingLog(file, { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i++) log.write(`line ${i} ${'x'.repeat(30)}`);
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['kassa.log', 'kassa.log.1', 'kassa.log.2']);
    expect(readFileSync(file, 'utf8')).toContain('line 19');
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 0 ');
    expect(existsSync(`${file}.3`)).toBe(false);
  });
});

describe('after the window crashed', () => {
  it('reloads, but not in a loop: after 3 crashes within a minute it gives up and says so', async () => {
    const { createReloadPolicy } = await import('../../../electron/main/window-recovery');
    let clock = 0;
    const decide = createReloadPolicy({ now: () => clock });
    expect(decide('clean-exit')).toBe('ignore');
    expect([decide('crashed'), decide('oom'), decide('killed')]).toEqual(['reload', 'reload', 'reload']);
    expect(decide('crashed')).toBe('give-up');
    clock += 61_000;
    expect(decide('crashed')).toBe('reload');
  });
});

describe('start at login on Linux', () => {
  it('writes an XDG autostart entry for the AppImage or the installed binary, and removes it when switched off', async () => {
    const { linuxAutostartEntry, linuxAutostartFile, setLinuxAutostart } = await import(
      '../../../electron/main/linux-autostart'
    );
    const home = folder();
    const file = linuxAutostartFile({}, home);
    expect(file).toBe(join(home, '.config/autostart/kassa.desktop'));
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: '/cfg' }, home)).toBe('/cfg/autostart/kassa.desktop');
    setLinuxAutostart(true, '/opt/Kassa/kassa', {}, home);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Kassa/kassa"');
    expect(linuxAutostartEntry('/tmp/.mount_x/kassa', { APPIMAGE: '/home/shop/Kassa 1.2.AppImage' })).toContain(
      'Exec="/home/shop/Kassa 1.2.AppImage"',
    );
    expect(linuxAutostartEntry('/opt/a"b$c/kassa', {})).toContain('Exec="/opt/a\\\\"b\\\\$c/kassa"');
    expect(linuxAutostartEntry('/opt/a\\b/kassa', {})).toContain('Exec="/opt/a\\\\\\\\b/kassa"');
    setLinuxAutostart(false, '/opt/Kassa/kassa', {}, home);
    expect(existsSync(file)).toBe(false);
  });
});
