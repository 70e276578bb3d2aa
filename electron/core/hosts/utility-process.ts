import {
  type CoreMessage,
  type CoreRequest,
  isCoreRequest,
  type MainToCoreMessage,
} from '../../../shared/host/core-protocol';
import { createEngine, type DemoParts } from '../engine';
import { createHostPrinter } from '../printing/host-printer';
import { keyCipher } from '../secrets/secret-cipher';
import { engineOptionsFromEnvironment, type HostOptions } from '../server/host-environment';
import { backofficeFromEnvironment } from '../sync/backoffice-env';

/**
 * Entry of the core when Electron hosts it in a utilityProcess: SQLite, providers and timers run
 * off the main process, so a slow disk or provider never freezes the window.
 * `process.parentPort` is Electron's port to the main process; this file imports nothing from Electron.
 */
interface ParentPort {
  on(event: 'message', listener: (message: { data: MainToCoreMessage }) => void): void;
  postMessage(message: CoreMessage): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility-process host started outside Electron');
const port = parentPort;

const dataDir = process.env.KASSA_DATA_DIR;
if (!dataDir) throw new Error('KASSA_DATA_DIR is not set');
const folder = dataDir;
// Printing goes to the main process, which has the browser engine (electron: printers).
const hostPrinter = createHostPrinter((message) => port.postMessage(message));

type Engine = ReturnType<typeof createEngine>;
let engine: Engine | null = null;
let closing = false;
let starting = false;
// Calls that arrive before the init message (the port keeps order, so normally none).
const waiting: CoreRequest[] = [];

function dispatch(running: Engine, request: CoreRequest): void {
  void running
    .dispatch(request.method, request.input)
    .then((result) => port.postMessage({ type: 'result', id: request.id, result }));
}

/**
 * The demo's parts, loaded only where the demo was asked for: a packaged build (never a demo) does
 * not even load the demo code and its fakes.
 */
async function demoParts(options: HostOptions): Promise<DemoParts | null> {
  if (!options.demo) return null;
  const { createDemo } = await import('../../../demo');
  return createDemo({ ...options.demoOptions, dataDir: folder, packaged: options.packaged });
}

async function start(dataKey: string | null): Promise<void> {
  const options = engineOptionsFromEnvironment(process.env);
  const { demo: _asked, demoOptions: _demoOptions, ...host } = options;
  const demo = await demoParts(options);
  const running = createEngine({
    ...host,
    dataDir: folder,
    backoffice: backofficeFromEnvironment(process.env),
    secrets: dataKey ? keyCipher(Buffer.from(dataKey, 'hex')) : undefined,
    version: process.env.KASSA_VERSION ?? '0.0.0',
    demo,
    hostPrinter,
  });
  engine = running;
  running.subscribe((event) => port.postMessage({ type: 'event', event }));
  for (const request of waiting.splice(0)) dispatch(running, request);
  void running.start();
}

async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // better-sqlite3 commits synchronously, so a commit in progress has finished before this runs;
  // close() stops timers and providers and closes the database (WAL checkpoint).
  try {
    await engine?.close();
  } finally {
    port.postMessage({ type: 'closed' });
    process.exit(0);
  }
}

port.on('message', ({ data }) => {
  if (isCoreRequest(data)) {
    if (closing) return;
    if (engine) dispatch(engine, data);
    else waiting.push(data);
  } else if (data.type === 'init') {
    if (!engine && !closing && !starting) {
      starting = true;
      void start(data.dataKey);
    }
  } else if (data.type === 'host-answer') {
    hostPrinter.answered(data);
  } else if (data.type === 'shutdown') {
    void shutdown();
  }
});
