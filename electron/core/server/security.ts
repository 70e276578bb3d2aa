import { sameSecret } from '../secrets/constant-time';

/**
 * The CSP for the renderer in both shells: only our own scripts, styles and API; no inline script,
 * no eval, no plugins, no framing. blob: is allowed for the receipt PDF the screen opens.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  return Boolean(given) && sameSecret(expected, given);
}

/** Only our own loopback origin may talk to the API: guards against DNS rebinding and other sites. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}` || hostHeader === `[::1]:${port}`;
}
