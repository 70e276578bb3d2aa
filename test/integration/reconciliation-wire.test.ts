import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettlementImport } from '../../electron/core/reconciliation/import';
import { createSettlementRepository } from '../../electron/core/settlement/settlement-repository';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { loadSpec } from '../helpers/openapi';
import { NOW, openBooks, seedScenario, sourcesFor } from '../helpers/reconciliation-scenario';
import { tempDir } from '../helpers/test-engine';

const payNlSpec = loadSpec('paynl_rest_v2_clearing_invoice.openapi.json', { prefix: '/v2' });
const vippsSpec = loadSpec('vipps-report-api-swagger.yaml');
const vippsDoc = yaml.load(readFileSync('test/fixtures/provider-specs/vipps-report-api-swagger.yaml', 'utf8')) as {
  components: { responses: Record<string, { content: { 'application/json': { schema: unknown } } }> };
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function imported() {
  const paynl = await startPayNlFake();
  const vipps = await startVippsFake({ webhookMode: 'off' });
  cleanups.push(paynl.close, vipps.close);
  const books = openBooks(tempDir('kassa-recon-wire-'));
  cleanups.push(() => books.db.close());
  seedScenario(books, { paynl, vipps });
  await createSettlementImport({
    db: books.db,
    settlements: createSettlementRepository(books.db),
    sources: () => sourcesFor({ paynl, vipps }),
    clock: { now: () => NOW },
    options: { pageGapMs: 0 },
  }).importAll();
  return { paynl, vipps };
}

describe('Settlement requests and answers fit the providers’ published documents', () => {
  it('Pay.: Clearing:Lines requests and the fake’s pages (REST v2 spec); Clearings:Records is outside the spec', async () => {
    const { paynl } = await imported();
    const lines = paynl.seen.filter((r) => r.path === '/v2/clearinglines');
    expect(lines.length).toBeGreaterThan(0);
    for (const req of lines) expect(payNlSpec.checkRequest(req)).toEqual([]);
    expect(lines.every((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    const records = paynl.seen.filter((r) => /^\/v2\/clearings\/[^/]+\/records$/.test(r.path));
    expect(records.length).toBeGreaterThan(0);
    const auth = `Basic ${Buffer.from(`${paynl.credentials.tokenCode}:${paynl.credentials.apiToken}`).toString('base64')}`;
    const page = await fetch(
      `${paynl.url}/v2/clearinglines?date%5Bgte%5D=2026-11-01&date%5Blte%5D=2026-11-20&limit=2&page=1`,
      {
        headers: { authorization: auth },
      },
    );
    const body = await page.json();
    expect(payNlSpec.checkResponse('GET', '/v2/clearinglines', page.status, body)).toEqual([]);
    expect(body._links.next).toBeDefined();
  });

  it('Vipps: ledgers and funds/fees by date, with the access token and system headers (Report API 2.0)', async () => {
    const { vipps } = await imported();
    const report = vipps.seen.filter((r) => r.path.startsWith('/report/') || r.path.startsWith('/settlement/'));
    expect(report.some((r) => r.path.includes('/funds/dates/'))).toBe(true);
    expect(report.some((r) => r.path.includes('/fees/dates/'))).toBe(true);
    for (const req of report) {
      expect(vippsSpec.checkRequest(req)).toEqual([]);
      expect(req.headers.authorization).toMatch(/^Bearer /);
      expect(req.headers['ocp-apim-subscription-key']).toBe(vipps.credentials.subscriptionKey);
      expect(req.headers['vipps-system-name']).toBe('kassa');
    }
    expect(vipps.seen.filter((r) => r.path === '/accesstoken/get')).toHaveLength(1);

    const token = (await (
      await fetch(`${vipps.url}/accesstoken/get`, {
        method: 'POST',
        headers: {
          client_id: vipps.credentials.clientId,
          client_secret: vipps.credentials.clientSecret,
          'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
        },
      })
    ).json()) as { access_token: string };
    const get = async (path: string) => {
      const answer = await fetch(`${vipps.url}${path}`, {
        headers: {
          authorization: `Bearer ${token.access_token}`,
          'ocp-apim-subscription-key': vipps.credentials.subscriptionKey,
        },
      });
      return { status: answer.status, body: await answer.json() };
    };
    const ledgers = await get('/settlement/v1/ledgers?settlesForRecipientHandles=api:123456');
    expect(vippsSpec.checkResponse('GET', '/settlement/v1/ledgers', ledgers.status, ledgers.body)).toEqual([]);
    // The dates endpoint's 200 is a shared response ($ref): checked against it here.
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(vippsDoc as object, 'vipps');
    const validate = ajv.compile({ $ref: 'vipps#/components/responses/200/content/application~1json/schema' });
    for (const topic of ['funds', 'fees']) {
      const page = await get(`/report/v2/ledgers/302321/${topic}/dates/2026-11-12`);
      expect(page.status).toBe(200);
      expect(validate(page.body) ? [] : validate.errors).toEqual([]);
      expect((page.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
    const notYet = await get('/report/v2/ledgers/302321/funds/dates/2026-11-20');
    expect(
      vippsSpec.checkResponse('GET', '/report/v2/ledgers/302321/funds/dates/2026-11-20', notYet.status, notYet.body),
    ).toEqual([]);
    expect(notYet.status).toBe(404);
  });
});
