import { createTestEngine } from './test-engine';

/** A counter draining its outbox to a back-office in the parent test process, until it is SIGKILLed. */

const [dataDir, url, token] = process.argv.slice(2);
if (!dataDir || !url || !token) throw new Error('usage: sync-child <dataDir> <url> <token>');
const engine = createTestEngine({
  dataDir,
  demo: true,
  demoBesideRealForTests: true,
  backoffice: { url, stationId: 'C1', token },
  autoSync: true,
  syncIntervalMs: 50,
  sandboxPhaseMs: 1,
  pollIntervalMs: 1,
  log: () => {},
});
console.log('started');
await engine.start();
setInterval(() => {}, 1_000);
