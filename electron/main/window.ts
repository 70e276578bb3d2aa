import { BrowserWindow, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/server/security';
import { isAllowedNavigation, type NavigationPolicy, SECURE_WEB_PREFERENCES, windowOpenDecision } from './security';

/** The one application window: sandboxed, isolated, no Node, no navigation away from the app. */
export function createMainWindow(options: { preload: string; policy: NavigationPolicy }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Kassa',
    backgroundColor: '#f4f6f3',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  hardenWebContents(window.webContents, options.policy);
  window.once('ready-to-show', () => window.show());
  return window;
}

export function hardenWebContents(contents: WebContents, policy: NavigationPolicy): void {
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
            webPreferences: { ...SECURE_WEB_PREFERENCES, preload: undefined },
          },
        }
      : { action: 'deny' },
  );
}

/** CSP on every response the session loads, and no permission (camera, geolocation…) for anyone. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
