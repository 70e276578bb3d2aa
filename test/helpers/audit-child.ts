/**
 * A real Kassa engine in its own process making audited settings changes as fast as it can, each
 * a new receipt printer address (`tcp://127.0.0.1:<10000 + n>`), as a signed-in manager. Prints
 * "ready" once it is changing; the test SIGKILLs it at a random moment.
 */
import { createEngine } from '../../electron/core/engine';
import { runActing } from '../../electron/core/people/acting';

const [dataDir, startAt] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: audit-child <dataDir> <first n>');

const engine = createEngine({ dataDir, demo: null, autoSync: false, log: () => {} });
await engine.start();
const manager = { actor: { userId: 'u-mark', name: 'Mark', role: 'manager' as const }, approvedBy: null };

let n = Number(startAt ?? 0);
let announced = false;
for (;;) {
  const uri = `tcp://127.0.0.1:${10_000 + (n % 50_000)}`;
  const result = await runActing(manager, () =>
    engine.dispatch('printers.configure', {
      purpose: 'receipt',
      printer: { uri, width: 80, codePage: 'cp858', openDrawer: false },
    }),
  );
  if (!result.ok) throw new Error(`printers.configure: ${result.error.code}`);
  n += 1;
  if (!announced && n > Number(startAt ?? 0) + 5) {
    announced = true;
    console.log('ready');
  }
}
