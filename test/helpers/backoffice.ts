import { join } from 'node:path';
import type { FaultPlan } from '../../backoffice/faults';
import { type BackofficeServer, startBackofficeServer } from '../../backoffice/server';
import { openBackofficeStore } from '../../backoffice/store';
import { generateDemoData } from '../../demo/books/demo-data';
import type { Engine } from '../../electron/core/engine';
import { createTestEngine, type TestEngineConfig, tempDir } from './test-engine';

export const STATIONS = { C1: 'token-for-counter-one', C2: 'token-for-counter-two' } as const;
export const ADMIN_TOKEN = 'admin-token-for-tests';

/** The reference back-office on its own SQLite file and a loopback port, seeded with the demo books. */
export async function startTestBackoffice(
  options: { customers?: number; faults?: FaultPlan; dir?: string } = {},
): Promise<BackofficeServer> {
  const store = openBackofficeStore(join(options.dir ?? tempDir('kassa-bo-'), 'backoffice.sqlite'));
  if (store.isEmpty()) {
    const data = generateDemoData({ customers: options.customers ?? 30, today: new Date() });
    store.seed(data.customers, data.invoices);
  }
  return startBackofficeServer({ store, stations: STATIONS, adminToken: ADMIN_TOKEN, faults: options.faults });
}

export function counterConfig(server: BackofficeServer, station: keyof typeof STATIONS) {
  return { url: server.url, stationId: station, token: STATIONS[station] };
}

/**
 * A counter paying on the demo's instant sandbox terminal into a test back-office, delivering only
 * when the test runs a sync cycle. Not started: the test starts it (and closes it).
 */
export function counterEngine(
  server: BackofficeServer,
  station: keyof typeof STATIONS,
  overrides: Partial<TestEngineConfig> = {},
): Engine {
  return createTestEngine({
    dataDir: tempDir(),
    demo: true,
    demoBesideRealForTests: true,
    backoffice: counterConfig(server, station),
    autoSync: false,
    sandboxPhaseMs: 1,
    pollIntervalMs: 1,
    log: () => {},
    ...overrides,
  });
}
