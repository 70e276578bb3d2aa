import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * The renderer is served from `app://kassa/…` instead of `file://`: a standard, secure scheme gives
 * the page a real origin (so 'self' in the CSP means only our files), lets the CSP travel as a
 * header, and lets the GrantFileProtocolExtraPrivileges fuse stay off.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kassa';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` gets (before `ready`). No bypassCSP, no CORS for others. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The `protocol.handle('app', …)` handler: files under `rootDir` only, for GET/HEAD on our one
 * host, each answer carrying the CSP header. Anything else is a 404/405 (never a directory listing,
 * never a file outside the renderer folder).
 */
export function createAppProtocolHandler(rootDir: string, csp: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  const headersFor = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const refuse = (status: number) => new Response(null, { status, headers: headersFor('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    if (pathname.includes('\0')) return refuse(400);
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    // resolve() has already collapsed any `..` (also %2e%2e after decoding): the result must stay inside.
    if (file !== root && !file.startsWith(root + sep)) return refuse(404);
    try {
      if (!(await stat(file)).isFile()) return refuse(404);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: headersFor(MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'),
      });
    } catch {
      return refuse(404);
    }
  };
}

/**
 * The page the window loads: electron-vite's dev server only in development; a packaged app always
 * loads its own files, whatever ELECTRON_RENDERER_URL says.
 */
export function rendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): string {
  const devServer = env.ELECTRON_RENDERER_URL?.trim();
  return !isPackaged && devServer ? devServer : APP_URL;
}
