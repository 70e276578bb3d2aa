import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonClient, type JsonAnswer, type RequestEffect } from '../../../electron/core/payments/json-client';
import { payProblem } from '../../../electron/core/payments/paynl/paynl-provider';
import { ProviderError } from '../../../electron/core/payments/provider';
import { vippsProblem } from '../../../electron/core/payments/vipps/vipps-client';

/** Each path answers as its name says; `drop` resets the connection after the request arrived. */
const ANSWERS: Record<string, { status: number; type: string; body: string } | 'drop'> = {
  '/ok': { status: 200, type: 'application/json', body: '{"id":"1"}' },
  '/garbled': { status: 200, type: 'application/json', body: '{"nope":true}' },
  '/pay-422': { status: 422, type: 'application/json', body: '{"code":"PAY-3002","detail":"not allowed"}' },
  '/json-403': { status: 403, type: 'application/json', body: '{"message":"forbidden"}' },
  '/vipps-400': { status: 400, type: 'application/json', body: '{"type":"about:blank","title":"Invalid phone"}' },
  '/plain-401': { status: 401, type: 'application/json', body: '{"statusCode":401}' },
  '/plain-429': { status: 429, type: 'text/plain', body: 'slow down' },
  '/problem-503': { status: 503, type: 'application/json', body: '{"code":"PAY-9999","title":"Unavailable"}' },
  '/problem-500': { status: 500, type: 'application/json', body: '{"type":"x","title":"Internal"}' },
  '/proxy-502': { status: 502, type: 'text/html', body: '<html>Bad gateway</html>' },
  '/drop': 'drop',
};

let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const answer = ANSWERS[req.url ?? ''];
    if (answer === 'drop' || !answer) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function outcome(
  toError: (answer: JsonAnswer) => ReturnType<typeof payProblem>,
  path: string,
  effect?: RequestEffect,
  baseUrl = base,
) {
  const client = createJsonClient({ baseUrl: () => baseUrl, headers: () => ({}), toError, timeoutMs: 2_000 });
  try {
    await client.request({ method: 'POST', path, schema: z.object({ id: z.string() }), body: {}, effect });
    return 'done';
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return `${error.kind} ${error.code}`;
  }
}

describe('the JSON client decides refused against outcome unknown in one place', () => {
  it.each([
    ['/ok', 'done'],
    ['/pay-422', 'refused PAY-3002'],
    ['/json-403', 'outcome_unknown http_403'],
    ['/problem-503', 'outcome_unknown PAY-9999'],
    ['/proxy-502', 'outcome_unknown http_502'],
    ['/garbled', 'outcome_unknown unreadable_answer'],
    ['/drop', 'outcome_unknown no_answer'],
  ])('Pay.: %s → %s', async (path, expected) => {
    expect(await outcome(payProblem, path)).toBe(expected);
  });

  it.each([
    ['/vipps-400', 'refused http_400'],
    ['/plain-401', 'refused http_401'],
    ['/plain-429', 'refused http_429'],
    ['/json-403', 'outcome_unknown http_403'],
    ['/problem-500', 'outcome_unknown http_500'],
    ['/problem-503', 'outcome_unknown http_503'],
    ['/proxy-502', 'outcome_unknown http_502'],
  ])('Vipps: %s → %s', async (path, expected) => {
    expect(await outcome(vippsProblem, path)).toBe(expected);
  });

  it('a connection that never opened is a refusal: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await outcome(payProblem, '/ok', 'may_act', url)).toBe('refused unreachable');
  });

  it('any failure of a read made before a money-moving request is a refusal', async () => {
    for (const path of ['/problem-503', '/proxy-502', '/drop', '/garbled']) {
      expect(await outcome(vippsProblem, path, 'read_before_money')).toMatch(/^refused /);
    }
  });

  it('sends once more after renewing on the status it was told (an expired token), never otherwise', async () => {
    let renewed = 0;
    const client = createJsonClient({
      baseUrl: () => base,
      headers: () => ({}),
      toError: vippsProblem,
      renewOn: { status: 401, renew: () => renewed++ },
    });
    seen.length = 0;
    const request = { method: 'POST' as const, path: '/plain-401', schema: z.unknown(), body: {} };
    await expect(client.request(request)).rejects.toMatchObject({ kind: 'refused', code: 'http_401' });
    expect(renewed).toBe(1);
    expect(seen).toEqual(['/plain-401', '/plain-401']);
    seen.length = 0;
    await expect(client.request({ ...request, path: '/problem-500' })).rejects.toBeInstanceOf(ProviderError);
    expect(seen).toEqual(['/problem-500']);
  });
});
