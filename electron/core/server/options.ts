import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BrowserModeOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly sandboxPhaseMs: number;
}

export const DEFAULT_PORT = 4310;

/** Flags win over environment variables, which win over defaults. */
export function parseBrowserModeOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BrowserModeOptions {
  const flag = (name: string): string | undefined => {
    const index = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (index < 0) return undefined;
    const arg = argv[index] ?? '';
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  };
  const port = Number(flag('port') ?? env.KASSA_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port: ${String(port)}`);
  const phase = Number(env.KASSA_SANDBOX_PHASE_MS ?? 1_500);
  if (!Number.isInteger(phase) || phase < 10) throw new Error('KASSA_SANDBOX_PHASE_MS must be a whole number ≥ 10');
  return {
    port,
    dataDir: resolve(flag('data-dir') ?? env.KASSA_DATA_DIR ?? join(homedir(), '.kassa')),
    sandboxPhaseMs: phase,
  };
}
