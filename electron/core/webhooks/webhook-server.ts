import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../server/read-body';
import type { CallHandler } from './incoming';

/**
 * The optional listener for provider calls (exchange calls, webhooks; each provider module names its path), on its own port and
 * apart from the local UI API: it is meant to sit behind the shop's HTTPS reverse proxy or tunnel,
 * and it carries no UI token — every call is verified by its own signature or confirmed with the
 * provider instead.
 */
export async function startWebhookServer(options: {
  port: number;
  host?: string;
  /** Path → handler, from the provider modules; any other path is 404. */
  routes: Readonly<Record<string, CallHandler>>;
  log: (message: string) => void;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const handler = options.routes[path];
    if (!handler || (req.method !== 'POST' && req.method !== 'GET')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const rawBody = req.method === 'POST' ? await readBody(req, 256 * 1024) : Buffer.alloc(0);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const answer = await handler({ method: req.method, url, headers, rawBody });
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    } catch (error) {
      options.log(`webhook ${path} failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('FALSE| error');
    }
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
