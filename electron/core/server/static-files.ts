import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Decodes the percent-encoding of a URL path or path segment; null when it is malformed ("%ff",
 * overlong "%c0%ae"), which is the client's mistake (400), not the server's.
 */
export function decodePathOrNull(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** Resolves a URL path inside the built renderer folder; never outside it. */
export async function loadStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const base = resolve(root);
  const decoded = decodePathOrNull(urlPath);
  if (decoded === null) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const info = await stat(file);
    const target = info.isDirectory() ? join(file, 'index.html') : file;
    return { body: await readFile(target), type: TYPES[extname(target)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
