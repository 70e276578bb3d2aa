import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PaymentProvider } from '../../electron/core/payments/provider';
import { defineProviderModule, SecretInput } from '../../electron/core/payments/provider-module';
import { PROVIDER_MODULES } from '../../electron/core/payments/provider-modules';
import { createProviders } from '../../electron/core/payments/providers';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const t of engines.splice(0)) await t.close();
});

/** A provider that exists only in this test: one folder's worth of code, no other file touched. */
const acmeModule = defineProviderModule<{ shopId: string; apiKey: string }>({
  id: 'acme',
  settings: {
    title: { en: 'Acme Pay', nl: 'Acme Pay' },
    fields: [
      { name: 'shopId', kind: 'text', label: { en: 'Shop id', nl: 'Winkel-id' }, required: true, env: ['ACME_SHOP'] },
      {
        name: 'apiKey',
        kind: 'secret',
        label: { en: 'API key', nl: 'API-sleutel' },
        required: true,
        env: ['ACME_KEY'],
      },
    ],
    input: z.object({ shopId: z.string().min(3), apiKey: SecretInput.optional() }).strict(),
    fromEnvironment: (env) => (env.ACME_SHOP && env.ACME_KEY ? { shopId: env.ACME_SHOP, apiKey: env.ACME_KEY } : null),
    fromValues: (values) =>
      typeof values.shopId === 'string' && typeof values.apiKey === 'string'
        ? { shopId: values.shopId, apiKey: values.apiKey }
        : null,
    toValues: (config) => ({ shopId: config.shopId, apiKey: config.apiKey }),
    demoValuesShown: false,
  },
  create(deps) {
    const provider: PaymentProvider = {
      id: 'acme',
      capabilities: {
        lookupByReference: true,
        cancel: 'none',
        pushesEvents: false,
        idempotentStart: true,
        pollIntervalMs: 50,
        firstPollDelayMs: 50,
        lateApprovalWatchMs: 0,
        refunds: [],
        idempotentRefunds: false,
        currencies: null,
        voids: false,
      },
      listTerminals: async () => {
        const config = deps.config();
        return config
          ? [{ id: `acme-${config.shopId}`, name: 'Acme counter', kind: 'terminal', online: true, refunds: false }]
          : [];
      },
      start: async () => ({ providerRef: 'x' }),
      status: async () => ({ kind: 'pending', phase: 'waiting_card', raw: 'PENDING' }),
      cancel: async () => 'too_late',
    };
    return { provider };
  },
});

describe('the provider registry', () => {
  it('every module has an id, a create, and a settings schema that the form can be built from', () => {
    for (const module of PROVIDER_MODULES) {
      expect(module.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof module.create).toBe('function');
      if (!module.settings) continue;
      expect(module.settings.title.en && module.settings.title.nl).toBeTruthy();
      expect(module.settings.fields.length).toBeGreaterThan(0);
      for (const field of module.settings.fields) {
        expect(['text', 'secret', 'boolean', 'url']).toContain(field.kind);
        expect(field.label.en && field.label.nl).toBeTruthy();
        expect(field.env.every((name) => /^[A-Z][A-Z0-9_]*$/.test(name))).toBe(true);
      }
      // The schema knows exactly the declared fields: an unknown one is refused.
      expect(module.settings.input.safeParse({ notAField: 'x' }).success).toBe(false);
      expect(module.settings.fromEnvironment({}, { callUrl: null })).toBeNull();
    }
    // The sandbox is the demo's: nothing to set up.
    expect(PROVIDER_MODULES.filter((m) => m.settings).map((m) => m.id)).toEqual([
      'paynl',
      'vipps',
      'checkout',
      'paytrace',
    ]);
  });

  it('ids are unique, and a second module with a taken id is refused', () => {
    const ids = PROVIDER_MODULES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() =>
      createProviders([acmeModule, acmeModule], {} as unknown as Parameters<typeof createProviders>[1]),
    ).toThrow(/two provider modules share the id acme/);
  });

  it('a module added to the list appears in Settings and, once set up, in the terminal list', async () => {
    const t = await startTestEngine({
      demo: false,
      demoBesideRealForTests: false,
      providerModules: [...PROVIDER_MODULES, acmeModule],
    });
    engines.push(t);
    const settings = await t.call('providers.settings.list', {});
    const acme = settings.providers.find((p) => p.providerId === 'acme');
    expect(acme).toMatchObject({
      title: { en: 'Acme Pay' },
      source: 'none',
      values: { shopId: null },
      secretSet: { apiKey: false },
      lanTerminals: false,
    });
    expect(acme?.fields.map((f) => [f.name, f.kind, f.env])).toEqual([
      ['shopId', 'text', ['ACME_SHOP']],
      ['apiKey', 'secret', ['ACME_KEY']],
    ]);
    expect((await t.call('terminals.list', {})).map((x) => x.id)).toEqual([]);

    await t.call('providers.settings.save', { providerId: 'acme', values: { shopId: 'S42', apiKey: 'acme-key-0001' } });
    const terminals = await t.call('terminals.list', {});
    expect(terminals).toMatchObject([{ id: 'acme-S42', name: 'Acme counter', provider: 'acme' }]);
  });
});
