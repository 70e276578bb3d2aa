/**
 * The CSP for the renderer in both shells (Electron's app:// scheme, browser mode's HTTP server):
 * only our own scripts, styles and API; no inline script, no eval, no plugins, no framing. blob: is
 * allowed for the receipt PDF the screen opens. In shared/ because both shells apply it.
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
