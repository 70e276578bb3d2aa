import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ calls: [] as string[], lock: true, userData: '' }));

vi.mock('electron', () => {
  // Every Electron object records what the main process touches.
  const recorder = (name: string, impl: Record<string, (...args: unknown[]) => unknown> = {}) =>
    new Proxy(impl, {
      get:
        (target, key: string) =>
        (...args: unknown[]) => {
          fake.calls.push(`${name}.${key}`);
          return target[key]?.(...args);
        },
    });
  return {
    app: recorder('app', {
      requestSingleInstanceLock: () => fake.lock,
      getPath: () => fake.userData,
      getName: () => 'Kassa',
      getLocale: () => 'nl-NL',
      whenReady: () => new Promise(() => {}),
    }),
    protocol: recorder('protocol'),
    crashReporter: recorder('crashReporter'),
    dialog: recorder('dialog'),
    ipcMain: recorder('ipcMain'),
    Menu: recorder('Menu'),
    safeStorage: recorder('safeStorage'),
    screen: recorder('screen'),
    session: recorder('session'),
    utilityProcess: recorder('utilityProcess'),
    BrowserWindow: class {},
  };
});

describe('single instance', () => {
  beforeEach(() => {
    vi.resetModules();
    fake.calls.length = 0;
    fake.userData = mkdtempSync(join(tmpdir(), 'kassa-single-'));
  });

  it('registers nothing at all when another Kassa holds the lock, and quits', async () => {
    fake.lock = false;
    await import('../../../electron/main/index');
    // Only the data folder is chosen (the lock lives in it); nothing is registered or started.
    expect(fake.calls).toEqual([
      'app.getPath',
      'app.getName',
      'app.setPath',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
  });

  it('with the lock: crash reporter, scheme and handlers before ready, focus on a second start', async () => {
    fake.lock = true;
    await import('../../../electron/main/index');
    expect(fake.calls.slice(0, 4)).toEqual([
      'app.getPath',
      'app.getName',
      'app.setPath',
      'app.requestSingleInstanceLock',
    ]);
    expect(fake.calls).toContain('crashReporter.start');
    expect(fake.calls).toContain('protocol.registerSchemesAsPrivileged');
    expect(fake.calls).toContain('app.whenReady');
    expect(fake.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      fake.calls.indexOf('app.whenReady'),
    );
    expect(fake.calls).not.toContain('app.quit');
  });
});
