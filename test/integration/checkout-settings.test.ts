import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkoutFromEnvironment, tokenUrlFor } from '../../electron/core/payments/checkout/checkout-config';
import { closeAfterEach, until } from '../helpers/provider-harness';
import { startTestEngine, type TestEngine } from '../helpers/test-engine';
import { done, TERMINAL } from './checkout-harness';

/** Settings and environment for Checkout.com, and the demo's link payments. */

const cleanups = closeAfterEach();
const SECRET_KEY = 'sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e';

async function engine(overrides: Parameters<typeof startTestEngine>[0] = {}): Promise<TestEngine> {
  const t = await startTestEngine({ demoBesideRealForTests: false, autoSync: false, ...overrides });
  cleanups.push(() => t.close());
  return t;
}

describe('Checkout.com settings', () => {
  it('reads KASSA_CHECKOUT_* with zod: a bad value stops the start with the variable named', () => {
    expect(checkoutFromEnvironment({}, null)).toBeNull();
    expect(() => checkoutFromEnvironment({ KASSA_CHECKOUT_SECRET_KEY: 'pk_sbox_nope' }, null)).toThrow(
      /KASSA_CHECKOUT_SECRET_KEY/,
    );
    expect(() => checkoutFromEnvironment({ KASSA_CHECKOUT_CLIENT_ID: 'ack_only_the_id' }, null)).toThrow(
      /KASSA_CHECKOUT_CLIENT_ID/,
    );
    const config = checkoutFromEnvironment(
      {
        KASSA_CHECKOUT_CLIENT_ID: 'ack_vvzhoai466su3j3vbxb47ts5oe',
        KASSA_CHECKOUT_CLIENT_SECRET: 'client-secret',
        KASSA_CHECKOUT_API_URL: 'https://12345678.api.sandbox.checkout.com/',
        KASSA_CHECKOUT_WEBHOOK_SECRET: 'signature-key',
        KASSA_CHECKOUT_WEBHOOK_AUTH: 'static-token',
      },
      'https://shop.example/hooks/checkout/webhook',
    );
    expect(config).toMatchObject({
      apiUrl: 'https://12345678.api.sandbox.checkout.com',
      secretKey: null,
      oauth: { tokenUrl: 'https://12345678.access.sandbox.checkout.com/connect/token' },
      sandbox: true,
      capture: true,
      webhookSecret: 'signature-key',
      webhookAuth: 'static-token',
    });
    expect(tokenUrlFor('https://api.checkout.com')).toBe('https://access.checkout.com/connect/token');
    expect(tokenUrlFor('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/connect/token');
  });

  it('keeps the secret key sealed and never returns it; saving it switches the demo off', async () => {
    const t = await engine();
    expect(t.engine.status().mode).toBe('demo');
    const before = await t.call('providers.settings.list', {});
    expect(before.providers.find((p) => p.providerId === 'checkout')).toMatchObject({
      source: 'demo',
      secretSet: { secretKey: false },
    });
    const saved = await t.call('providers.settings.save', {
      providerId: 'checkout',
      values: {
        secretKey: SECRET_KEY,
        processingChannelId: 'pc_kassatestchannelkassatest0',
        capture: true,
        sandbox: true,
      },
    });
    expect(JSON.stringify(saved)).not.toContain(SECRET_KEY);
    expect(saved.providers.find((p) => p.providerId === 'checkout')).toMatchObject({
      source: 'settings',
      values: { processingChannelId: 'pc_kassatestchannelkassatest0', capture: true, sandbox: true },
      secretSet: { secretKey: true, webhookSecret: false },
    });
    expect(t.engine.status().mode).toBe('live');
    const db = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT value FROM settings WHERE key LIKE 'checkout%'").all() as { value: string }[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.value).not.toContain(SECRET_KEY);
    const refused = await t.refusal('providers.settings.save', {
      providerId: 'checkout',
      values: { secretKey: 'sk_not_a_key', capture: true, sandbox: true },
    });
    expect(refused.code).toBe('invalid_request');
  });

  it('demo mode: a newcomer pays a link on the fake’s page and the counter marks it paid', async () => {
    const t = await engine();
    const terminals = await t.call('terminals.list', {});
    expect(terminals.find((x) => x.id === TERMINAL)).toMatchObject({ kind: 'pay_link', online: true });
    const [customer] = await t.call('customers.search', { query: 'a' });
    if (!customer) throw new Error('no demo customer');
    const [invoice] = await t.call('invoices.open', { customerId: customer.id });
    if (!invoice) throw new Error('no demo invoice');
    const payment = await t.call('payments.start', {
      requestId: crypto.randomUUID(),
      customerId: customer.id,
      invoiceIds: [invoice.id],
      amount: { minor: Math.min(1200, invoice.outstandingMinor), currency: invoice.currency },
      terminalId: TERMINAL,
      linkUse: 'counter',
    });
    const url = payment.payLink?.url;
    if (!url) throw new Error('no link');
    expect(await (await fetch(url)).text()).toContain('Pay ');
    await fetch(`${url}/pay`, { method: 'POST' });
    await until(async () => done(await t.call('payments.get', { paymentId: payment.id })), 5_000);
    expect((await t.call('payments.get', { paymentId: payment.id })).status).toBe('approved');
  });
});
