import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake provider saw it: tests check these against the provider's OpenAPI document. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly rawBody: string;
}

export interface FakeReply {
  readonly status: number;
  readonly body?: unknown;
  readonly contentType?: string;
  /** Further response headers (e.g. `Location` of a 302). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Commit, then drop the connection without answering: the client cannot know what happened. */
  readonly dropAfter?: boolean;
}

export type FakeRoute = (req: SeenRequest, url: URL) => FakeReply | Promise<FakeReply>;

/** A small loopback HTTP server for the wire-level provider fakes. */
export async function startFakeServer(
  route: FakeRoute,
  options: { port?: number } = {},
): Promise<{ server: Server; url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      if (rawBody) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = Object.fromEntries(new URLSearchParams(rawBody));
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
      const url = new URL(req.url ?? '/', 'http://fake');
      const request = { method: req.method ?? 'GET', path: url.pathname, headers, body, rawBody };
      seen.push(request);
      try {
        const reply = await route(request, url);
        if (reply.dropAfter) {
          res.socket?.destroy();
          return;
        }
        const text =
          reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res
          .writeHead(reply.status, {
            'content-type': reply.contentType ?? 'application/json;charset=UTF-8',
            ...reply.headers,
          })
          .end(text);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ title: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a provider's callback (exchange, webhook) to Kassa's listener. */
export async function postCallback(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: String(error) };
  }
}
