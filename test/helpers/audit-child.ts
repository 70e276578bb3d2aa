/**
 * A real Kassa engine in its own process making audited settings changes as fast as it can, each
 * a new receipt printer address (`tcp://127.0.0.1:<10000 + n>`), as a signed-in manager. Prints
 * "ready" once it is changing; the test SIGKILLs it at a random moment.
 */
import { createEngine } from '../../electron/core/engine';
import { signInAs } from './sign-in';

const [dataDir, startAt] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: audit-child <dataDir> <first n>');

const engine = createEngine({ dataDir, demo: null, autoSync: false, log: () => {} });
await engine.start();
// Signed in with a PIN like any manager: the audit rows name the person the core's session knows.
await signInAs(engine, 'manager');

let n = Number(startAt ?? 0);
let announced = false;
for (;;) {
  const uri = `tcp://127.0.0.1:${10_000 + (n % 50_000)}`;
  const result = await engine.dispatch('printers.configure', {
    purpose: 'receipt',
    printer: { uri, width: 80, codePage: 'cp858', openDrawer: false },
  });
  if (!result.ok) throw new Error(`printers.configure: ${result.error.code}`);
  n += 1;
  if (!announced && n > Number(startAt ?? 0) + 5) {
    announced = true;
    console.log('ready');
  }
}
