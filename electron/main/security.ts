/** Electron-free description of the window's security settings, so tests can check them as data. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export interface NavigationPolicy {
  /** The one page the window may show. */
  readonly appUrl: string;
}

/** Navigation away from the app (a link, a redirect, a drag-and-dropped file) is never allowed. */
export function isAllowedNavigation(policy: NavigationPolicy, url: string): boolean {
  return stripHash(url) === stripHash(policy.appUrl);
}

/**
 * New windows: only the receipt PDF (a blob: URL made by the app itself, or the blank page it is
 * loaded into) opens, without preload or Node; everything else is refused.
 */
export function windowOpenDecision(policy: NavigationPolicy, url: string): 'allow-receipt' | 'deny' {
  if (url === 'about:blank' || url === '') return 'allow-receipt';
  if (url.startsWith('blob:')) {
    const inner = url.slice('blob:'.length);
    const origin = originOf(policy.appUrl);
    return origin !== null && (inner.startsWith(origin) || (origin === 'file://' && inner.startsWith('file://')))
      ? 'allow-receipt'
      : 'deny';
  }
  return 'deny';
}

/** IPC is answered only for our own window showing our own page (GHSA-mq8j-3h7h-p8g7). */
export function isTrustedSender(
  policy: NavigationPolicy,
  senderUrl: string | undefined,
  isMainWindow: boolean,
): boolean {
  return isMainWindow && senderUrl !== undefined && isAllowedNavigation(policy, senderUrl);
}

function stripHash(url: string): string {
  const index = url.indexOf('#');
  return index < 0 ? url : url.slice(0, index);
}

function originOf(url: string): string | null {
  if (url.startsWith('file://')) return 'file://';
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
