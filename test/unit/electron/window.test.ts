import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => unknown) | null;
}

const created = vi.hoisted(() => ({ windows: [] as { options: Record<string, unknown>; contents: FakeContents }[] }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeContents extends EventEmitter {
    openHandler: ((details: { url: string }) => unknown) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      super();
      created.windows.push({ options, contents: this.webContents });
    }
    show() {}
  }
  return { BrowserWindow };
});

import { createMainWindow, hardenSession } from '../../../electron/main/window';

const appUrl = 'file:///opt/kassa/resources/app/out/renderer/index.html';

function navigate(contents: FakeContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('the Electron window', () => {
  beforeEach(() => {
    created.windows.length = 0;
  });

  it('is sandboxed and isolated, with no Node in the page', () => {
    createMainWindow({ preload: '/p/index.cjs', policy: { appUrl } });
    const prefs = created.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/p/index.cjs',
    });
  });

  it('blocks navigation and redirects away from the app, but not to itself', () => {
    createMainWindow({ preload: '/p', policy: { appUrl } });
    const contents = created.windows[0]?.contents as FakeContents;
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', `${appUrl}#/today`)).toBe(false);
  });

  it('refuses webviews and opens no window except the receipt PDF, which gets no preload', () => {
    createMainWindow({ preload: '/p', policy: { appUrl } });
    const contents = created.windows[0]?.contents as FakeContents;
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'blob:https://evil.example/123' })).toEqual({ action: 'deny' });
    const receipt = contents.openHandler?.({ url: 'blob:file:///0b6f' }) as {
      action: string;
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
    };
    expect(receipt.action).toBe('allow');
    expect(receipt.overrideBrowserWindowOptions.webPreferences).toMatchObject({
      sandbox: true,
      nodeIntegration: false,
    });
    expect(receipt.overrideBrowserWindowOptions.webPreferences.preload).toBeUndefined();
  });

  it('keeps the receipt window on its PDF: no navigation elsewhere, no further windows', async () => {
    createMainWindow({ preload: '/p', policy: { appUrl } });
    const contents = created.windows[0]?.contents as FakeContents;
    const { EventEmitter } = await import('node:events');
    const childContents = Object.assign(new EventEmitter(), {
      openHandler: null as ((d: { url: string }) => unknown) | null,
      setWindowOpenHandler(handler: (d: { url: string }) => unknown) {
        this.openHandler = handler;
      },
    });
    contents.emit('did-create-window', { webContents: childContents });
    expect(navigate(childContents as unknown as FakeContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(childContents as unknown as FakeContents, 'will-navigate', 'blob:file:///abc')).toBe(false);
    expect(childContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('sends a strict CSP with every response and grants no permission', () => {
    type HeaderHook = (d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void;
    type PermissionHook = (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    type CheckHook = (c: unknown, p: string, origin: string) => boolean;
    const hooks: { headers?: HeaderHook; permission?: PermissionHook; check?: CheckHook } = {};
    hardenSession({
      webRequest: { onHeadersReceived: (hook: HeaderHook) => (hooks.headers = hook) },
      setPermissionRequestHandler: (hook: PermissionHook) => (hooks.permission = hook),
      setPermissionCheckHandler: (hook: CheckHook) => (hooks.check = hook),
    } as never);
    let headers: Record<string, string[]> = {};
    hooks.headers?.({ responseHeaders: { 'X-Test': ['1'] } }, (r) => {
      headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    expect(headers['X-Test']).toEqual(['1']);
    let granted = true;
    hooks.permission?.({}, 'media', (g) => {
      granted = g;
    });
    expect(granted).toBe(false);
    // Checks (navigator.permissions.query, clipboard, HID/serial/USB lookups…) are denied too.
    for (const permission of ['media', 'clipboard-read', 'hid', 'serial', 'usb', 'notifications', 'geolocation']) {
      expect(hooks.check?.({}, permission, 'app://kassa')).toBe(false);
    }
  });

  it('opens the receipt PDF from the app:// page (blob:app://kassa/…) and nothing from elsewhere', () => {
    createMainWindow({ preload: '/p', policy: { appUrl: 'app://kassa/index.html' }, devTools: false });
    const contents = created.windows[0]?.contents as FakeContents;
    expect(contents.openHandler?.({ url: 'blob:app://kassa/0b6f' })).toMatchObject({ action: 'allow' });
    expect(contents.openHandler?.({ url: 'blob:app://evil/0b6f' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'blob:https://kassa/0b6f' })).toEqual({ action: 'deny' });
  });

  it('has no DevTools in a packaged build, in the window and the receipt window', () => {
    createMainWindow({ preload: '/p', policy: { appUrl: 'app://kassa/index.html' }, devTools: false });
    const prefs = created.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs.devTools).toBe(false);
    const contents = created.windows[0]?.contents as FakeContents;
    const receipt = contents.openHandler?.({ url: 'blob:app://kassa/1' }) as {
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
    };
    expect(receipt.overrideBrowserWindowOptions.webPreferences.devTools).toBe(false);
  });

  it('opens full screen without frame in kiosk mode, and at the saved size otherwise', () => {
    createMainWindow({ preload: '/p', policy: { appUrl }, kiosk: true });
    expect(created.windows[0]?.options).toMatchObject({ kiosk: true, fullscreen: true });
    createMainWindow({ preload: '/p', policy: { appUrl }, bounds: { x: 10, y: 20, width: 1200, height: 800 } });
    expect(created.windows[1]?.options).toMatchObject({ kiosk: false, x: 10, y: 20, width: 1200, height: 800 });
  });
});
