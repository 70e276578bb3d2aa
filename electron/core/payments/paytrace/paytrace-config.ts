import { z } from 'zod';

/** What Kassa needs to talk to PayTrace; from the environment or the app's (sealed) settings. */
export interface PayTraceConfig {
  /** Production, sandbox, or a fake's loopback address; no trailing slash. */
  readonly apiUrl: string;
  /** The API user (not a web user: API user passwords do not expire). */
  readonly username: string;
  readonly password: string;
  /** Per integration, issued by PayTrace with the sandbox account; sent in every body. */
  readonly integratorId: string;
  readonly sandbox: boolean;
}

export const PAYTRACE_PRODUCTION_URL = 'https://api.paytrace.com';
export const PAYTRACE_SANDBOX_URL = 'https://api.sandbox.paytrace.com';

const Environment = z.object({
  KASSA_PAYTRACE_USERNAME: z.string().trim().min(1).max(100),
  KASSA_PAYTRACE_PASSWORD: z.string().min(1).max(200),
  KASSA_PAYTRACE_INTEGRATOR_ID: z.string().trim().min(1).max(50),
  KASSA_PAYTRACE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * Scripted installs and tests: KASSA_PAYTRACE_USERNAME, _PASSWORD and _INTEGRATOR_ID, and optionally
 * _API_URL (the sandbox, or a fake). Nothing set: null; something set but wrong: an error that says
 * which, rather than a PayTrace silently not configured.
 */
export function payTraceFromEnvironment(env: NodeJS.ProcessEnv): PayTraceConfig | null {
  const keys = Object.keys(Environment.shape) as (keyof typeof Environment.shape)[];
  if (keys.every((key) => !env[key])) return null;
  const parsed = Environment.safeParse(Object.fromEntries(keys.map((key) => [key, env[key] || undefined])));
  if (!parsed.success) {
    throw new Error(
      `KASSA_PAYTRACE_* environment: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const apiUrl = (parsed.data.KASSA_PAYTRACE_API_URL ?? PAYTRACE_PRODUCTION_URL).replace(/\/+$/, '');
  return {
    apiUrl,
    username: parsed.data.KASSA_PAYTRACE_USERNAME,
    password: parsed.data.KASSA_PAYTRACE_PASSWORD,
    integratorId: parsed.data.KASSA_PAYTRACE_INTEGRATOR_ID,
    sandbox: apiUrl !== PAYTRACE_PRODUCTION_URL,
  };
}
