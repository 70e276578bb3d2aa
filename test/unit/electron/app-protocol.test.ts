import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  createAppProtocolHandler,
  rendererUrl,
} from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';

let root: string;
let outside: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'kassa-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kassa</title>');
  writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'not for the page');
  handle = createAppProtocolHandler(root, CONTENT_SECURITY_POLICY);
});

describe('the app:// protocol handler (no file://)', () => {
  it('serves the renderer with the CSP as a header and the right type', async () => {
    const page = await handle(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Kassa</title>');
    const script = await handle(new Request('app://kassa/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://kassa/../secret.txt',
      'app://kassa/%2e%2e/secret.txt',
      'app://kassa/assets/..%2f..%2fsecret.txt',
      'app://kassa/..%5csecret.txt',
      `app://kassa/${encodeURIComponent(outside)}`,
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
  });

  it('answers only GET/HEAD for our own host, and no directory listing', async () => {
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://kassa/assets'))).status).toBe(404);
    expect((await handle(new Request('app://kassa/missing.js'))).status).toBe(404);
    expect((await handle(new Request(APP_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request(APP_URL, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers app:// as a standard secure scheme without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('honours ELECTRON_RENDERER_URL only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererUrl(false, env)).toBe('http://localhost:5173/');
    expect(rendererUrl(true, env)).toBe(APP_URL);
    expect(rendererUrl(false, {})).toBe(APP_URL);
  });
});
