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

/**
 * IPC is answered only for our own window's top frame showing our own page (GHSA-mq8j-3h7h-p8g7):
 * a frame inside the page (the receipt PDF, anything injected) never reaches the core.
 */
export function isTrustedSender(
  policy: NavigationPolicy,
  senderUrl: string | undefined,
  isMainWindow: boolean,
  isMainFrame: boolean,
): boolean {
  return isMainWindow && isMainFrame && senderUrl !== undefined && isAllowedNavigation(policy, senderUrl);
}

/** The parts of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has them). */
export interface IpcSenderFacts {
  readonly sender: { readonly mainFrame?: unknown };
  readonly senderFrame?: { readonly url: string; readonly parent?: unknown; readonly detached?: boolean } | null;
}

/**
 * Our window, its main frame (not a sub-frame, not a frame that went away), our page. Since
 * Electron 33 senderFrame is null, or `detached`, when the frame navigated away or is unloading.
 */
export function isTrustedIpcEvent(policy: NavigationPolicy, event: IpcSenderFacts, mainContents: unknown): boolean {
  const frame = event.senderFrame ?? null;
  const isMainFrame =
    frame !== null && frame.detached !== true && frame === event.sender.mainFrame && (frame.parent ?? null) === null;
  return isTrustedSender(policy, frame?.url, mainContents !== null && event.sender === mainContents, isMainFrame);
}

function stripHash(url: string): string {
  const index = url.indexOf('#');
  return index < 0 ? url : url.slice(0, index);
}

function originOf(url: string): string | null {
  if (url.startsWith('file://')) return 'file://';
  try {
    const parsed = new URL(url);
    // WHATWG URL gives custom schemes (app://) the opaque origin "null"; Chromium treats our
    // registered standard scheme as scheme://host, which is what blob: URLs then carry.
    return parsed.origin !== 'null' ? parsed.origin : parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}
