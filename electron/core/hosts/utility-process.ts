import { createEngine } from '../engine';
import { keyCipher } from '../secrets/secret-cipher';
import { engineOptionsFromEnvironment } from '../server/host-environment';
import { backofficeFromEnvironment } from '../sync/backoffice-env';
import type { CoreMessage, CoreRequest } from './protocol';

/**
 * Entry of the core when Electron hosts it in a utilityProcess: SQLite, providers and timers run
 * off the main process, so a slow disk or provider never freezes the window.
 * `process.parentPort` is Electron's port to the main process; this file imports nothing from Electron.
 */
interface ParentPort {
  on(event: 'message', listener: (message: { data: CoreRequest }) => void): void;
  postMessage(message: CoreMessage): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility-process host started outside Electron');
const port = parentPort;

const dataDir = process.env.KASSA_DATA_DIR;
if (!dataDir) throw new Error('KASSA_DATA_DIR is not set');

// The data key arrives from the main process, which keeps it sealed by the OS keychain (safeStorage).
const dataKey = process.env.KASSA_SECRET_KEY;
const engine = createEngine({
  ...engineOptionsFromEnvironment(process.env),
  dataDir,
  backoffice: backofficeFromEnvironment(process.env),
  secrets: dataKey ? keyCipher(Buffer.from(dataKey, 'hex')) : undefined,
  version: process.env.KASSA_VERSION ?? '0.0.0',
});
engine.subscribe((event) => port.postMessage({ type: 'event', event }));
port.on('message', ({ data }) => {
  void engine
    .dispatch(data.method, data.input)
    .then((result) => port.postMessage({ type: 'result', id: data.id, result }));
});
void engine.start();
