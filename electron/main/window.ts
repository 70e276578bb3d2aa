import { BrowserWindow, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { isAllowedNavigation, type NavigationPolicy, SECURE_WEB_PREFERENCES, windowOpenDecision } from './security';

export interface MainWindowOptions {
  readonly preload: string;
  readonly policy: NavigationPolicy;
  /** False in packaged builds: no DevTools for whoever stands at the counter. */
  readonly devTools?: boolean;
  /** Counter kiosk: full screen, no window frame to close or move. */
  readonly kiosk?: boolean;
  /** The saved size and position (window-state.ts). */
  readonly bounds?: { x?: number; y?: number; width: number; height: number };
}

/** The one application window: sandboxed, isolated, no Node, no navigation away from the app. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    ...options.bounds,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Kassa',
    backgroundColor: '#f4f6f3',
    kiosk: options.kiosk === true,
    fullscreen: options.kiosk === true ? true : undefined,
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload, devTools: options.devTools ?? true },
  });
  hardenWebContents(window.webContents, options.policy, options.devTools ?? true);
  window.once('ready-to-show', () => window.show());
  return window;
}

export function hardenWebContents(contents: WebContents, policy: NavigationPolicy, devTools = true): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(policy, url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(policy, url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The receipt window may show the PDF it was opened for and nothing else.
  contents.on('did-create-window', (child) => {
    child.webContents.on('will-navigate', (event, url) => {
      if (windowOpenDecision(policy, url) !== 'allow-receipt') event.preventDefault();
    });
    child.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  contents.setWindowOpenHandler(({ url }) =>
    windowOpenDecision(policy, url) === 'allow-receipt'
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: {
            autoHideMenuBar: true,
            webPreferences: { ...SECURE_WEB_PREFERENCES, preload: undefined, devTools },
          },
        }
      : { action: 'deny' },
  );
}

/**
 * CSP on every response the session loads (the app:// handler sets it too), and no permission
 * (camera, geolocation, notifications…) for anyone: requests are refused and checks answer false.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
