import { z } from 'zod';
import type { EngineConfig } from '../engine';
import { envPort, envWholeNumber, parseEnvironment } from './env-schema';

const HostEnvironment = z.object({
  KASSA_PACKAGED: z.string().optional(),
  KASSA_DEMO: z.string().optional(),
  KASSA_WEBHOOK_PORT: envPort,
  KASSA_WEBHOOK_HOST: z.string().optional(),
  KASSA_WEBHOOK_PUBLIC_URL: z.string().optional(),
  KASSA_DEMO_MOBILEPAY_MS: envWholeNumber(0),
  KASSA_DEMO_PAYNL: z.string().optional(),
  KASSA_DEMO_PAYNL_SETTLE_MS: envWholeNumber(0),
  KASSA_ECR_DISCOVERY_ADDRESS: z.string().optional(),
  KASSA_ECR_DISCOVERY_PORT: envPort,
  KASSA_ECR_PORT: envPort,
});

/** What the host reads for the engine, plus whether and how to build the demo (`createDemo`). */
export interface HostOptions extends Pick<EngineConfig, 'packaged' | 'env' | 'webhooks' | 'ecr'> {
  /** The host builds the demo's parts and passes them as `EngineConfig.demo`. */
  readonly demo: boolean;
  readonly demoOptions: {
    /** How long the simulated MobilePay customer takes to approve. */
    readonly mobilePayApproveMs?: number;
    /** KASSA_DEMO_PAYNL=1: the demo also runs against the wire-level Pay. fake (see README). */
    readonly payNlSettleMs: number | null;
  };
}

/**
 * What both hosts (browser mode and the Electron utility process) read from the environment besides
 * the back-office: demo or live, provider credentials, and the optional provider-call listener.
 * A number that is not a number stops the host with a message naming the variable.
 *
 * A packaged desktop build (`KASSA_PACKAGED=1`, set by the Electron main process from
 * `app.isPackaged`, or `host.packaged`) is never a demo: it starts live, and `KASSA_DEMO=1` there is
 * refused. From a source checkout (`npm start`, `npm run web`) the demo stays the default.
 */
export function engineOptionsFromEnvironment(
  env: NodeJS.ProcessEnv,
  host: { readonly packaged?: boolean } = {},
): HostOptions {
  const packaged = host.packaged === true || env.KASSA_PACKAGED === '1';
  if (packaged && env.KASSA_DEMO === '1') {
    throw new Error('KASSA_DEMO=1: the demo is not available in a packaged Kassa (it would mix fake and real money)');
  }
  const vars = parseEnvironment(HostEnvironment, env);
  return {
    // From a source checkout: the embedded demo (sandbox terminals, demo back-office, MobilePay
    // fake) unless a shop says no. It switches itself off once a real back-office or provider is set.
    demo: !packaged && vars.KASSA_DEMO !== '0',
    packaged,
    env,
    webhooks:
      vars.KASSA_WEBHOOK_PORT === undefined
        ? null
        : {
            port: vars.KASSA_WEBHOOK_PORT,
            host: vars.KASSA_WEBHOOK_HOST ?? '127.0.0.1',
            publicUrl: vars.KASSA_WEBHOOK_PUBLIC_URL ?? null,
          },
    // PAY.ECR defaults are Pay.'s (broadcast to 255.255.255.255:8889, TCP 8888); overridable for odd networks.
    ecr: {
      discoveryAddress: vars.KASSA_ECR_DISCOVERY_ADDRESS,
      discoveryPort: vars.KASSA_ECR_DISCOVERY_PORT,
      tcpPort: vars.KASSA_ECR_PORT,
    },
    demoOptions: {
      mobilePayApproveMs: vars.KASSA_DEMO_MOBILEPAY_MS,
      payNlSettleMs: vars.KASSA_DEMO_PAYNL === '1' ? (vars.KASSA_DEMO_PAYNL_SETTLE_MS ?? 3_000) : null,
    },
  };
}
