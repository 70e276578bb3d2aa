import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { envPort, envWholeNumber, parseEnvironment } from './env-schema';

export interface BrowserModeOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly sandboxPhaseMs: number;
}

export const DEFAULT_PORT = 4310;

/** A command line the program does not understand: the host prints the message and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const BROWSER_MODE_USAGE = 'usage: npm run web -- [--port <port>] [--data-dir <folder>]';

const BrowserModeEnvironment = z.object({
  KASSA_PORT: envPort,
  KASSA_DATA_DIR: z.string().optional(),
  KASSA_SANDBOX_PHASE_MS: envWholeNumber(10),
});

/** Flags win over environment variables, which win over defaults. Unknown flags are refused. */
export function parseBrowserModeOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BrowserModeOptions {
  let flags: { port?: string; 'data-dir'?: string };
  try {
    ({ values: flags } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${BROWSER_MODE_USAGE}`);
  }
  const vars = parseEnvironment(BrowserModeEnvironment, env);
  const port = flags.port === undefined ? (vars.KASSA_PORT ?? DEFAULT_PORT) : Number(flags.port);
  if (!/^\d+$/.test(flags.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`invalid port: ${flags.port}\n${BROWSER_MODE_USAGE}`);
  }
  return {
    port,
    dataDir: resolve(flags['data-dir'] ?? vars.KASSA_DATA_DIR ?? join(homedir(), '.kassa')),
    sandboxPhaseMs: vars.KASSA_SANDBOX_PHASE_MS ?? 1_500,
  };
}
