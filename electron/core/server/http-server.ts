import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorCode, ApiResult } from '../../../shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';
import type { Engine } from '../engine';
import { readBody } from './read-body';
import { isLoopbackHost, tokensMatch } from './security';
import { decodePathOrNull, loadStatic } from './static-files';

const MAX_BODY_BYTES = 1_000_000;

const STATUS_FOR: Partial<Record<ApiErrorCode, number>> = {
  invalid_request: 400,
  unauthorized: 401,
  not_found: 404,
  unknown_method: 404,
  internal: 500,
  recovery_in_progress: 503,
  // The launch token proves the caller is this counter's screen; these say the person at it may not.
  sign_in_required: 403,
  manager_required: 403,
  owner_required: 403,
  session_locked: 423,
  user_locked_out: 423,
};

export interface KassaHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the same API the Electron shell carries over IPC, on
 * loopback only, behind a token made fresh at every launch.
 */
export async function startHttpServer(options: {
  engine: Engine;
  token: string;
  staticDir: string;
  port: number;
  host?: string;
}): Promise<KassaHttpServer> {
  const { engine, token, staticDir } = options;
  let port = options.port;
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421).end('wrong host');
      return;
    }
    const url = parseRequestUrl(req.url ?? '/', port);
    if (!url) return void send(res, 400, refusal('invalid_request', 'malformed request target'));

    if (url.pathname.startsWith('/api/rpc/')) {
      if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
      if (!sameOrigin(req)) return void send(res, 403, refusal('unauthorized', 'cross-origin request refused'));
      if (!tokensMatch(token, bearer(req)))
        return void send(res, 401, refusal('unauthorized', 'missing or wrong token'));
      let input: unknown;
      try {
        input = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8') || '{}');
      } catch {
        return void send(res, 400, refusal('invalid_request', 'body is not JSON'));
      }
      const method = decodePathOrNull(url.pathname.slice('/api/rpc/'.length));
      if (method === null) return void send(res, 400, refusal('invalid_request', 'malformed percent-encoding'));
      const result = await engine.dispatch(method, input);
      send(res, result.ok ? 200 : (STATUS_FOR[result.error.code] ?? 422), result);
      return;
    }

    if (url.pathname === '/api/events') {
      if (!tokensMatch(token, url.searchParams.get('token'))) return void res.writeHead(401).end();
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify({ type: 'system.status', status: engine.status() })}\n\n`);
      streams.add(res);
      const unsubscribe = engine.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (decodePathOrNull(url.pathname) === null) {
      return void send(res, 400, refusal('invalid_request', 'malformed percent-encoding'));
    }
    const file = (await loadStatic(staticDir, url.pathname)) ?? (await loadStatic(staticDir, '/index.html'));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('renderer not built: run npm run build:web');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': file.type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }
}

/** The request target as a URL; null when it cannot be one ("//[", "http://:99999/"): a 400, not a 500. */
function parseRequestUrl(target: string, port: number): URL | null {
  try {
    return new URL(target, `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

function refusal(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
