import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const t of engines.splice(0)) await t.close();
});

async function counter(env: NodeJS.ProcessEnv = {}): Promise<TestEngine> {
  const t = await startTestEngine({ demo: false, demoBesideRealForTests: false, env });
  engines.push(t);
  return t;
}

const view = async (t: TestEngine, providerId: string) =>
  (await t.call('providers.settings.list', {})).providers.find((p) => p.providerId === providerId);

const PAY_VALUES = { tokenCode: 'AT-1234-5678', serviceId: 'SL-1234-5678', testMode: true };
const API_TOKEN = 'api0token0that0must0never0leave';

describe('provider settings', () => {
  it('never returns a secret: only that one is set, and it is sealed at rest', async () => {
    const t = await counter();
    const saved = await t.call('providers.settings.save', {
      providerId: 'paynl',
      values: { ...PAY_VALUES, apiToken: API_TOKEN },
    });
    expect(JSON.stringify(saved)).not.toContain(API_TOKEN);
    expect(await view(t, 'paynl')).toMatchObject({
      source: 'settings',
      values: { tokenCode: 'AT-1234-5678', serviceId: 'SL-1234-5678', testMode: true },
      secretSet: { apiToken: true, serviceSecret: false },
    });
    expect(Object.keys((await view(t, 'paynl'))?.values ?? {})).not.toContain('apiToken');

    // Saved again without the secret: the stored one is kept.
    await t.call('providers.settings.save', { providerId: 'paynl', values: { ...PAY_VALUES, testMode: false } });
    expect(await view(t, 'paynl')).toMatchObject({ values: { testMode: false }, secretSet: { apiToken: true } });

    const db = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT value FROM settings WHERE key LIKE 'paynl%'").all() as { value: string }[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.value).not.toContain(API_TOKEN);
  });

  it('checks what is saved against the provider’s own schema, in the core', async () => {
    const t = await counter();
    const bad = await t.refusal('providers.settings.save', {
      providerId: 'paynl',
      values: { ...PAY_VALUES, tokenCode: 'AT-12' },
    });
    expect(bad).toMatchObject({ code: 'invalid_request', params: { field: 'tokenCode' } });
    const unknownField = await t.refusal('providers.settings.save', {
      providerId: 'vipps',
      values: { clientId: 'client-0001', merchantSerialNumber: '123456', testMode: true, apiUrl: 'https://evil' },
    });
    expect(unknownField.code).toBe('invalid_request');
    expect((await t.refusal('providers.settings.save', { providerId: 'nope', values: {} })).code).toBe(
      'invalid_request',
    );
    expect((await view(t, 'paynl'))?.source).toBe('none');
  });

  it('environment variables win over Settings, and Settings cannot change them', async () => {
    const t = await counter({
      KASSA_VIPPS_CLIENT_ID: 'env-client-0001',
      KASSA_VIPPS_CLIENT_SECRET: 'env-client-secret-0001',
      KASSA_VIPPS_SUBSCRIPTION_KEY: 'env-subscription-0001',
      KASSA_VIPPS_MSN: '654321',
      KASSA_VIPPS_API_URL: 'http://127.0.0.1:9',
    });
    const vipps = await view(t, 'vipps');
    expect(vipps).toMatchObject({
      source: 'environment',
      values: { clientId: 'env-client-0001', merchantSerialNumber: '654321', testMode: true },
      secretSet: { clientSecret: true, subscriptionKey: true },
    });
    expect(JSON.stringify(vipps)).not.toContain('env-client-secret-0001');
    expect(vipps?.fields.find((f) => f.name === 'merchantSerialNumber')?.env).toEqual(['KASSA_VIPPS_MSN']);
    const refused = await t.refusal('providers.settings.save', {
      providerId: 'vipps',
      values: { clientId: 'settings-client-01', merchantSerialNumber: '111111', testMode: true },
    });
    expect(refused.code).toBe('providers_from_environment');
    expect((await view(t, 'vipps'))?.values.clientId).toBe('env-client-0001');
  });
});
