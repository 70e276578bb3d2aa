import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemo } from '../../../demo';
import { createEngine } from '../engine';
import { backofficeFromEnvironment } from '../sync/backoffice-env';
import { runningInstance } from './data-dir-lock';
import { engineOptionsFromEnvironment } from './host-environment';
import { startHttpServer } from './http-server';
import { parseBrowserModeOptions, UsageError } from './options';
import { writePrivateFile } from './private-file';

/** `npm run web`: the core and the renderer in plain Node, opened in any browser on this machine. */
async function main(): Promise<void> {
  const options = parseBrowserModeOptions(process.argv.slice(2), process.env);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const other = runningInstance(options.dataDir);
  if (other) {
    console.error(`Kassa is already running on ${options.dataDir}: ${other.replace(/#.*/, '')}`);
    process.exit(1);
  }
  const { demo, demoOptions, ...host } = engineOptionsFromEnvironment(process.env);
  const engine = createEngine({
    ...host,
    dataDir: options.dataDir,
    backoffice: backofficeFromEnvironment(process.env),
    version: process.env.npm_package_version ?? '0.1.0',
    // The demo (this host's choice, never the core's): sandbox terminals, demo back-office, fakes.
    demo: demo
      ? createDemo({ ...demoOptions, dataDir: options.dataDir, sandboxPhaseMs: options.sandboxPhaseMs })
      : null,
  });
  const token = randomBytes(32).toString('base64url');
  const server = await startHttpServer({
    engine,
    token,
    staticDir: join(root, 'dist', 'renderer'),
    port: options.port,
  });
  // Recovery runs after the server is up so the screen can show "checking unfinished payments".
  const recovery = engine.start();

  const launchFile = join(options.dataDir, 'launch.json');
  const url = `${server.url}#token=${token}`;
  writePrivateFile(launchFile, JSON.stringify({ url, token, port: server.port, pid: process.pid }));
  console.log(`Kassa (browser mode) is running: ${url}`);
  console.log(`Data: ${options.dataDir}`);

  const shutdown = async () => {
    rmSync(launchFile, { force: true });
    await server.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await recovery;
  console.log('Unfinished payments checked; the counter is ready.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // 2: the command line was wrong (as for most command-line tools); 1: anything else.
  process.exit(error instanceof UsageError ? 2 : 1);
});
