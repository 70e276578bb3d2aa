import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { backofficeOpenApi } from '../../shared/backoffice/openapi';
import { STATIONS, startTestBackoffice } from '../helpers/backoffice';

const committed = JSON.parse(readFileSync('docs/backoffice-api.openapi.json', 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...committed, $id: 'https://kassa.dev/backoffice' });
const validate = (schema: string, value: unknown) => {
  const check = ajv.getSchema(`https://kassa.dev/backoffice#/components/schemas/${schema}`);
  if (!check) throw new Error(`no schema ${schema}`);
  const ok = check(value);
  return ok ? 'valid' : ajv.errorsText(check.errors);
};

let server: BackofficeServer;
beforeAll(async () => {
  server = await startTestBackoffice({ customers: 4 });
});
afterAll(async () => {
  await server.close();
  server.store.close();
});

const headers = (key?: string) => ({
  Authorization: `Bearer ${STATIONS.C1}`,
  'Kassa-Station': 'C1',
  'Content-Type': 'application/json',
  ...(key ? { 'Idempotency-Key': key } : {}),
});

describe('the back-office contract (docs/backoffice-api.openapi.json)', () => {
  it('is the document generated from the schemas the client and the server use', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(backofficeOpenApi())));
    expect(committed.openapi).toBe('3.1.0');
  });

  it('points every $ref at a schema it defines', () => {
    const refs = [...JSON.stringify(committed).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(Object.keys(committed.components.schemas)).toContain(name);
  });

  it('is what the reference back-office answers: pages, payments, replays and problems', async () => {
    const customers = await (await fetch(`${server.url}/v1/customers?after=0&limit=2`, { headers: headers() })).json();
    expect(validate('CustomerPage', customers)).toBe('valid');
    const invoices = (await (
      await fetch(`${server.url}/v1/invoices?after=0&limit=50`, { headers: headers() })
    ).json()) as {
      items: { id: string; customerId: string; outstandingMinor: number; status: string }[];
    };
    expect(validate('InvoicePage', invoices)).toBe('valid');

    const invoice = invoices.items.find((i) => i.status === 'open' && i.customerId === 'cust-100001');
    if (!invoice) throw new Error('no open invoice');
    const record = {
      paymentId: 'P-contract-1',
      reference: 'KS-C1-contract-1',
      stationId: 'C1',
      customerId: 'cust-100001',
      amount: { minor: invoice.outstandingMinor, currency: 'EUR' },
      method: 'card_terminal',
      provider: 'sandbox',
      providerRef: 'SBX-1',
      terminalId: 'sandbox-1',
      card: { brand: 'Maestro', last4: '1234' },
      allocations: [{ invoiceId: invoice.id, amountMinor: invoice.outstandingMinor }],
      approvedAt: new Date().toISOString(),
    };
    expect(validate('PaymentRecord', record)).toBe('valid');
    const post = (body: unknown, key: string) =>
      fetch(`${server.url}/v1/payments`, { method: 'POST', headers: headers(key), body: JSON.stringify(body) });

    const created = await post(record, 'key-contract-1');
    expect(created.status).toBe(201);
    const first = await created.json();
    expect(validate('PaymentAccepted', first)).toBe('valid');

    const replay = await post(record, 'key-contract-1');
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(first);

    const reused = await post({ ...record, reference: 'KS-C1-contract-X' }, 'key-contract-1');
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    const problem = await reused.json();
    expect(validate('Problem', problem)).toBe('valid');
    expect(problem.type).toBe('https://kassa.dev/problems/idempotency-key-reused');

    const over = await post({ ...record, paymentId: 'P-contract-2' }, 'key-contract-2');
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({
      type: 'https://kassa.dev/problems/invoice-not-open',
      invoiceId: invoice.id,
    });

    const noKey = await fetch(`${server.url}/v1/payments`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(record),
    });
    expect(noKey.status).toBe(400);
    const wrongToken = await fetch(`${server.url}/v1/customers`, {
      headers: { ...headers(), Authorization: 'Bearer nope' },
    });
    expect(wrongToken.status).toBe(401);
  });

  it('applies a refused payment not at all: an over-allocation on the second invoice leaves the first untouched', async () => {
    const invoices = (await (
      await fetch(`${server.url}/v1/invoices?after=0&limit=1000`, { headers: headers() })
    ).json()) as {
      items: { id: string; customerId: string; outstandingMinor: number; status: string }[];
    };
    const [a, b] = invoices.items.filter((i) => i.status === 'open' && i.customerId === 'cust-100001').slice(5, 7);
    if (!a || !b) throw new Error('need invoices');
    const response = await fetch(`${server.url}/v1/payments`, {
      method: 'POST',
      headers: headers('key-contract-3'),
      body: JSON.stringify({
        paymentId: 'P-contract-3',
        reference: 'KS-C1-contract-3',
        stationId: 'C1',
        customerId: 'cust-100001',
        amount: { minor: a.outstandingMinor + b.outstandingMinor + 1, currency: 'EUR' },
        method: 'card_terminal',
        provider: 'sandbox',
        providerRef: null,
        terminalId: null,
        card: null,
        allocations: [
          { invoiceId: a.id, amountMinor: a.outstandingMinor },
          { invoiceId: b.id, amountMinor: b.outstandingMinor + 1 },
        ],
        approvedAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      type: 'https://kassa.dev/problems/over-allocation',
      invoiceId: b.id,
    });
    expect(server.store.invoice(a.id)?.outstandingMinor).toBe(a.outstandingMinor);
    expect(server.store.paymentCount()).toBe(1);
  });

  it('holds invoices for one attempt: 201 with the hold, 409 naming the holder to another station, release and convert', async () => {
    const invoices = (await (
      await fetch(`${server.url}/v1/invoices?after=0&limit=1000`, { headers: headers() })
    ).json()) as { items: { id: string; customerId: string; outstandingMinor: number; status: string }[] };
    const invoice = invoices.items.filter((i) => i.status === 'open' && i.customerId === 'cust-100001')[10];
    if (!invoice) throw new Error('no open invoice');
    const request = {
      paymentId: 'P-hold-1',
      customerId: 'cust-100001',
      currency: 'EUR',
      invoices: [{ invoiceId: invoice.id, amountMinor: invoice.outstandingMinor }],
      expiresInSeconds: 600,
    };
    expect(validate('InvoiceHoldRequest', request)).toBe('valid');
    const hold = (station: 'C1' | 'C2', key: string, body: unknown) =>
      fetch(`${server.url}/v1/invoice-holds`, {
        method: 'POST',
        headers: { ...headers(key), Authorization: `Bearer ${STATIONS[station]}`, 'Kassa-Station': station },
        body: JSON.stringify(body),
      });

    const taken = await hold('C1', 'attempt-key-c1', request);
    expect(taken.status).toBe(201);
    const held = await taken.json();
    expect(validate('InvoiceHold', held)).toBe('valid');
    expect(held).toMatchObject({ key: 'attempt-key-c1', stationId: 'C1', status: 'held' });
    expect((await (await hold('C1', 'attempt-key-c1', request)).json()).expiresAt).toBe(held.expiresAt);

    const clash = await hold('C2', 'attempt-key-c2', { ...request, paymentId: 'P-hold-2' });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toBe('application/problem+json');
    const problem = await clash.json();
    expect(validate('Problem', problem)).toBe('valid');
    expect(problem).toMatchObject({
      type: 'https://kassa.dev/problems/invoice-held-elsewhere',
      held: [{ invoiceId: invoice.id, stationId: 'C1' }],
    });

    const released = await fetch(`${server.url}/v1/invoice-holds/attempt-key-c1`, {
      method: 'DELETE',
      headers: headers(),
    });
    expect(released.status).toBe(200);
    const releasedHold = await released.json();
    expect(validate('InvoiceHold', releasedHold)).toBe('valid');
    expect(releasedHold.status).toBe('released');
    const now = await hold('C2', 'attempt-key-c3', { ...request, paymentId: 'P-hold-3' });
    expect(now.status).toBe(201);

    const convert = (station: 'C1' | 'C2', key: string) =>
      fetch(`${server.url}/v1/invoice-holds/${key}/convert`, {
        method: 'POST',
        headers: {
          ...headers(`${key}:convert`),
          Authorization: `Bearer ${STATIONS[station]}`,
          'Kassa-Station': station,
        },
      });
    const converted = await convert('C2', 'attempt-key-c3');
    expect(converted.status).toBe(200);
    expect((await converted.json()).status).toBe('converted');
    const unknown = await convert('C1', 'attempt-key-c3'); // another station's hold is not C1's to convert
    expect(unknown.status).toBe(404);
    expect(validate('Problem', await unknown.json())).toBe('valid');
  });
});
