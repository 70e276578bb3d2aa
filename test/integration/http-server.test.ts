import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KassaHttpServer, startHttpServer } from '../../electron/core/server/http-server';
import { TEST_PEOPLE } from '../helpers/sign-in';
import { startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

let t: TestEngine;
let server: KassaHttpServer;
const token = 'test-token-abcdefghijklmnopqrstuvwxyz';

beforeAll(async () => {
  t = await startTestEngine();
  const staticDir = tempDir('kassa-static-');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Kassa</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startHttpServer({ engine: t.engine, token, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const rpc = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body,
  });

/** A GET with the request target written as is (fetch would normalise or refuse it); HTTP/1.0, so not chunked. */
async function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.0\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
  });
}

describe('browser mode: the local API on loopback', () => {
  it('answers a call that carries the launch token', async () => {
    const response = await rpc('customers.search', JSON.stringify({ query: '100001' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; value: { number: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value[0]?.number).toBe('100001');
  });

  it('tells a person who may not call apart from a wrong token: 403 signed out, 200 once signed in', async () => {
    expect((await rpc('people.signOut', '{}')).status).toBe(200);
    const refused = await rpc('customers.search', JSON.stringify({ query: '100001' }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
    const tiles = (await (await rpc('people.list', '{}')).json()) as { value: { id: string; name: string }[] };
    const manager = tiles.value.find((tile) => tile.name === TEST_PEOPLE.manager.name);
    const signIn = await rpc('people.signIn', JSON.stringify({ userId: manager?.id, pin: TEST_PEOPLE.manager.pin }));
    expect(signIn.status).toBe(200);
    expect((await rpc('customers.search', JSON.stringify({ query: '100001' }))).status).toBe(200);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await rpc('system.status', '{}', { Authorization: '' })).status).toBe(401);
    expect((await rpc('system.status', '{}', { Authorization: `Bearer ${token}x` })).status).toBe(401);
  });

  it('refuses other web sites and DNS-rebound host names', async () => {
    expect((await rpc('system.status', '{}', { Origin: 'https://evil.example' })).status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(`${server.url}api/rpc/system.status`, {
        method: 'POST',
        headers: { Host: `evil.example:${server.port}`, Authorization: `Bearer ${token}` },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('refuses malformed requests with a problem code', async () => {
    const notJson = await rpc('system.status', '{nope');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const badInput = await rpc('customers.card', JSON.stringify({ customerId: 5 }));
    expect(badInput.status).toBe(400);
    expect(await badInput.json()).toMatchObject({
      error: { code: 'invalid_request', params: { field: 'customerId' } },
    });
    expect((await rpc('nope.nothing', '{}')).status).toBe(404);
    expect(
      (await fetch(`${server.url}api/rpc/system.status`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(405);
  });

  it('answers malformed percent-encoding in a method name or a path with 400 and a code, not 500', async () => {
    for (const method of ['%ff', 'system.status%', '%c0%ae%c0%ae', 'customers.search%e0%a4']) {
      const response = await rpc(method, '{}');
      expect(response.status, method).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    for (const path of ['%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', 'assets/%ff.js', '%E0%A4%A']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    // A request target that is no URL at all (only a raw request can send one).
    for (const target of ['//[', 'http://:99999/']) {
      const { status, body } = await rawGet(target);
      expect(status, target).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    // Well-formed encodings still reach the renderer as before.
    expect((await fetch(`${server.url}assets/%61pp.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    const js = await fetch(`${server.url}assets/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const traversal = await fetch(`${server.url}..%2f..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
  });

  it('pushes payment events to the screen over server-sent events', async () => {
    const controller = new AbortController();
    const refused = await fetch(`${server.url}api/events?token=wrong`);
    expect(refused.status).toBe(401);
    const response = await fetch(`${server.url}api/events?token=${token}`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"type":"system.status"');

    const hits = (await (await rpc('customers.search', JSON.stringify({ query: '100002' }))).json()) as {
      value: { id: string }[];
    };
    const customerId = hits.value[0]?.id ?? '';
    const invoices = (await (await rpc('invoices.open', JSON.stringify({ customerId }))).json()) as {
      value: { id: string; outstandingMinor: number }[];
    };
    const invoice = invoices.value[0];
    await rpc(
      'payments.start',
      JSON.stringify({
        requestId: crypto.randomUUID(),
        customerId,
        invoiceIds: [invoice?.id],
        amount: { minor: invoice?.outstandingMinor, currency: 'EUR' },
        terminalId: 'sandbox-1',
      }),
    );
    let seen = '';
    while (!seen.includes('"status":"approved"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      seen += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(seen).toContain('"phase":"waiting_card"');
    expect(seen).toContain('"status":"approved"');
  });
});
