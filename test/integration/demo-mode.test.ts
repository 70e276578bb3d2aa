import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import { engineOptionsFromEnvironment } from '../../electron/core/server/host-environment';
import { backofficeFromEnvironment } from '../../electron/core/sync/backoffice-env';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import type { ServerEvent } from '../../shared/api/events';
import { counterConfig, STATIONS } from '../helpers/backoffice';
import { payNlEnv } from '../helpers/provider-harness';
import { startShopBackoffice } from '../helpers/real-backoffice';
import { createTestEngine, startInput, startTestEngine, type TestEngine, tempDir } from '../helpers/test-engine';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A counter with the demo asked for, exactly as a host would ask (no test-only mixing). */
async function demoCounter(overrides: Parameters<typeof startTestEngine>[0] = {}): Promise<TestEngine> {
  const t = await startTestEngine({ demoBesideRealForTests: false, autoSync: false, ...overrides });
  cleanups.push(() => t.close());
  return t;
}

async function shopBackoffice(): Promise<BackofficeServer> {
  const server = await startShopBackoffice();
  cleanups.push(async () => {
    await server.close();
    server.store.close();
  });
  return server;
}

const terminalIds = async (t: TestEngine) => (await t.call('terminals.list', {})).map((terminal) => terminal.id);
const DEMO_TERMINALS = ['sandbox-1', 'sandbox-2', 'sandbox-3', 'mobilepay'];

describe('a packaged desktop build', () => {
  it('never starts the demo: live by default, KASSA_DEMO=1 and demo: true are refused', async () => {
    // From a source checkout the demo stays the newcomer's default.
    expect(engineOptionsFromEnvironment({}).demo).toBe(true);

    const packaged = engineOptionsFromEnvironment({ KASSA_PACKAGED: '1' });
    expect(packaged).toMatchObject({ demo: false, packaged: true });
    expect(engineOptionsFromEnvironment({}, { packaged: true })).toMatchObject({ demo: false, packaged: true });
    expect(() => engineOptionsFromEnvironment({ KASSA_PACKAGED: '1', KASSA_DEMO: '1' })).toThrow(/packaged/);
    expect(() => createTestEngine({ dataDir: tempDir(), demo: true, packaged: true, log: () => {} })).toThrow(
      /packaged/,
    );

    const dataDir = tempDir();
    const engine = createTestEngine({ ...packaged, dataDir, autoSync: false, log: () => {} });
    cleanups.push(() => engine.close());
    await engine.start();
    expect(engine.status().mode).toBe('live');
    const terminals = await engine.dispatch('terminals.list', {});
    expect(terminals).toEqual({ ok: true, value: [] });
    expect(await engine.dispatch('backoffice.settings', {})).toMatchObject({ ok: true, value: { source: 'none' } });
    expect(existsSync(join(dataDir, 'backoffice.sqlite'))).toBe(false);
  });
});

describe('the demo switches itself off next to anything real', () => {
  it('a back-office saved in Settings: demo terminals, demo MobilePay and demo back-office go, and the status says live', async () => {
    const t = await demoCounter();
    expect(t.engine.status().mode).toBe('demo');
    expect(await terminalIds(t)).toEqual(expect.arrayContaining(DEMO_TERMINALS));
    const demoUrl = (await t.call('backoffice.settings', {})).url;
    const events: ServerEvent[] = [];
    cleanups.push(t.engine.subscribe((event) => events.push(event)));

    const server = await shopBackoffice();
    await t.call('backoffice.configure', { url: server.url, stationId: 'C1', token: STATIONS.C1 });

    expect(await terminalIds(t)).toEqual([]);
    expect(t.engine.status().mode).toBe('live');
    expect(events.filter((e) => e.type === 'system.status').at(-1)).toMatchObject({ status: { mode: 'live' } });
    expect((await t.call('system.status', {})).mode).toBe('live');
    // The demo back-office is closed: nothing can deliver to it any more.
    await expect(fetch(`${demoUrl}/v1/customers?after=0&limit=1`)).rejects.toThrow();
    const customer = (await t.call('customers.search', { query: 'Kwekerij' }))[0];
    await t.engine.sync.runCycle();
    const shopCustomer = (await t.call('customers.search', { query: 'Kwekerij' }))[0];
    expect(customer).toBeUndefined();
    if (!shopCustomer) throw new Error('the shop back-office was not pulled');
    const [invoice] = await t.call('invoices.open', { customerId: shopCustomer.id });
    if (!invoice) throw new Error('the shop customer has no open invoice');
    const refused = await t.refusal(
      'payments.start',
      startInput(shopCustomer.id, [invoice.id], invoice.outstandingMinor, { terminalId: 'sandbox-1' }),
    );
    expect(refused.code).toBe('terminal_unknown');
  });

  it('a back-office from the environment: the demo never starts, not even its back-office', async () => {
    const server = await shopBackoffice();
    const t = await demoCounter({ backoffice: counterConfig(server, 'C1') });
    expect(t.engine.status().mode).toBe('live');
    expect(await terminalIds(t)).toEqual([]);
    expect(existsSync(join(t.dataDir, 'backoffice.sqlite'))).toBe(false);
  });

  it('Pay. from the environment: only the real terminals are listed, and no demo back-office', async () => {
    const fake = await startPayNlFake({ exchangeMode: 'off' });
    cleanups.push(fake.close);
    const t = await demoCounter({ env: payNlEnv(fake) });
    expect(t.engine.status().mode).toBe('live');
    const ids = await terminalIds(t);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of DEMO_TERMINALS) expect(ids).not.toContain(id);
    expect(await t.call('backoffice.settings', {})).toMatchObject({ source: 'none' });
    expect(await t.call('customers.search', { query: 'b' })).toEqual([]);
  });

  it('Vipps saved in Settings: the sandbox terminals and the demo MobilePay go, the demo books are archived', async () => {
    const t = await demoCounter();
    expect((await t.call('providers.settings.list', {})).providers.find((p) => p.providerId === 'vipps')?.source).toBe(
      'demo',
    );
    expect((await t.call('customers.search', { query: 'b' })).length).toBeGreaterThan(0);

    await t.call('providers.settings.save', {
      providerId: 'vipps',
      values: {
        clientId: 'real-client-id-0001',
        merchantSerialNumber: '123456',
        testMode: true,
        clientSecret: 'real-client-secret-0001',
        subscriptionKey: 'real-subscription-key-0001',
      },
    });

    expect(t.engine.status().mode).toBe('live');
    expect((await t.call('providers.settings.list', {})).providers.find((p) => p.providerId === 'vipps')?.source).toBe(
      'settings',
    );
    // What is left is the shop's own MobilePay, not the demo's.
    expect(await terminalIds(t)).toEqual(['mobilepay']);
    expect(await t.call('backoffice.settings', {})).toMatchObject({ source: 'none' });
    expect(await t.call('customers.search', { query: 'b' })).toEqual([]);
  });
});

describe('the station id', () => {
  it('is checked in Settings: 1 to 8 letters or digits', async () => {
    const t = await demoCounter();
    for (const stationId of ['C_1', 'C-1', 'COUNTER12', 'C 1', '']) {
      const refused = await t.refusal('backoffice.configure', {
        url: 'https://portal.example.com',
        stationId,
        token: 'token-of-the-shop',
      });
      expect(refused.code).toBe('invalid_request');
    }
    expect((await t.call('backoffice.settings', {})).source).toBe('demo');
  });

  it('is checked in KASSA_STATION_ID, and a bad one stops the start with a clear message', async () => {
    expect(() =>
      backofficeFromEnvironment({
        KASSA_BACKOFFICE_URL: 'https://portal.example.com',
        KASSA_BACKOFFICE_TOKEN: 'token',
        KASSA_STATION_ID: 'counter-1',
      }),
    ).toThrow(/KASSA_STATION_ID "counter-1" is not a valid station id/);
    expect(() => backofficeFromEnvironment({ KASSA_STATION_ID: 'C_2' })).toThrow(/KASSA_STATION_ID/);
    expect(backofficeFromEnvironment({ KASSA_STATION_ID: 'C2' })).toBeNull();

    const dataDir = tempDir();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/core/server/cli.ts', '--port', '0', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          KASSA_BACKOFFICE_URL: 'http://127.0.0.1:9',
          KASSA_BACKOFFICE_TOKEN: 'token-of-the-shop',
          KASSA_STATION_ID: 'Toonbank 1',
        },
      },
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('KASSA_STATION_ID "Toonbank 1" is not a valid station id');
    expect(stdout).not.toContain('is running');
  });
});
