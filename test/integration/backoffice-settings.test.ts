import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackofficeServer } from '../../backoffice/server';
import type { Engine } from '../../electron/core/engine';
import { backofficeFromEnvironment } from '../../electron/core/sync/backoffice-env';
import { counterConfig, STATIONS, startTestBackoffice } from '../helpers/backoffice';
import { createTestEngine, tempDir } from '../helpers/test-engine';

let server: BackofficeServer | null = null;
const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  await server?.close();
  server?.store.close();
});

describe('pointing a counter at a real back-office', () => {
  it('takes URL, station and token in the app, keeps the token sealed, and starts syncing', async () => {
    server = await startTestBackoffice({ customers: 8 });
    const dataDir = tempDir();
    const engine = createTestEngine({ dataDir, demo: false, autoSync: false, log: () => {} });
    engines.push(engine);
    await engine.start();
    expect(await engine.dispatch('backoffice.settings', {})).toMatchObject({
      ok: true,
      value: { source: 'none', tokenSet: false },
    });
    expect(engine.status().sync.configured).toBe(false);

    const configured = await engine.dispatch('backoffice.configure', {
      url: server.url,
      stationId: 'C2',
      token: STATIONS.C2,
    });
    expect(configured).toMatchObject({
      ok: true,
      value: { source: 'settings', url: server.url, stationId: 'C2', tokenSet: true },
    });
    await engine.sync.runCycle();
    const hits = await engine.dispatch('customers.search', { query: '100002' });
    expect(hits.ok && (hits.value as unknown[]).length).toBe(1);

    const db = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
    const stored = db.prepare("SELECT group_concat(value, ' ') AS v FROM settings").get() as { v: string };
    db.close();
    expect(stored.v).not.toContain(STATIONS.C2);
  });

  it('refuses a plain-http back-office address off this computer, in Settings and in the environment', async () => {
    const engine = createTestEngine({ dataDir: tempDir(), demo: false, autoSync: false, log: () => {} });
    engines.push(engine);
    await engine.start();
    const refused = await engine.dispatch('backoffice.configure', {
      url: 'http://portal.example.com',
      stationId: 'C1',
      token: 'secret-token',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await engine.dispatch('backoffice.settings', {})).toMatchObject({ ok: true, value: { source: 'none' } });
    expect(() =>
      backofficeFromEnvironment({ KASSA_BACKOFFICE_URL: 'http://portal.example.com', KASSA_BACKOFFICE_TOKEN: 't' }),
    ).toThrow(/https/);
    expect(
      backofficeFromEnvironment({ KASSA_BACKOFFICE_URL: 'https://portal.example.com', KASSA_BACKOFFICE_TOKEN: 't' }),
    ).toMatchObject({ url: 'https://portal.example.com' });
  });

  it('says plainly when the back-office refuses the token', async () => {
    server = await startTestBackoffice({ customers: 3 });
    const engine = createTestEngine({ dataDir: tempDir(), demo: false, autoSync: false, log: () => {} });
    engines.push(engine);
    await engine.start();
    await engine.dispatch('backoffice.configure', { url: server.url, stationId: 'C1', token: 'not-the-right-token' });
    await engine.sync.runCycle();
    expect(engine.status().sync).toMatchObject({ configured: true, rejectedCredentials: true });
    await engine.dispatch('backoffice.configure', { url: server.url, stationId: 'C1', token: STATIONS.C1 });
    await engine.sync.runCycle();
    expect(engine.status().sync).toMatchObject({ online: true, rejectedCredentials: false });
  });

  it('refuses a malformed address and a missing token', async () => {
    const engine = createTestEngine({ dataDir: tempDir(), demo: false, autoSync: false, log: () => {} });
    engines.push(engine);
    await engine.start();
    const bad = await engine.dispatch('backoffice.configure', { url: 'ftp://x', stationId: 'C1', token: 'abcdefgh12' });
    expect(!bad.ok && bad.error.code).toBe('invalid_request');
    const noToken = await engine.dispatch('backoffice.configure', { url: 'https://bo.example', stationId: 'C1' });
    expect(!noToken.ok && noToken.error.code).toBe('invalid_request');
  });

  it('lets environment variables win, and says so', async () => {
    server = await startTestBackoffice({ customers: 3 });
    const fromEnv = backofficeFromEnvironment({
      KASSA_BACKOFFICE_URL: server.url,
      KASSA_BACKOFFICE_TOKEN: STATIONS.C1,
      KASSA_STATION_ID: 'C1',
    });
    expect(fromEnv).toEqual(counterConfig(server, 'C1'));
    expect(() => backofficeFromEnvironment({ KASSA_BACKOFFICE_URL: server?.url })).toThrow(/TOKEN/);
    const engine = createTestEngine({
      dataDir: tempDir(),
      demo: false,
      autoSync: false,
      backoffice: fromEnv,
      log: () => {},
    });
    engines.push(engine);
    await engine.start();
    expect(await engine.dispatch('backoffice.settings', {})).toMatchObject({
      ok: true,
      value: { source: 'environment' },
    });
    const refused = await engine.dispatch('backoffice.configure', {
      url: 'https://other.example',
      stationId: 'C1',
      token: 'abcdefgh12',
    });
    expect(!refused.ok && refused.error.code).toBe('backoffice_from_environment');
  });
});
