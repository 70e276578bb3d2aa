import type { EngineConfig } from '../engine';

/**
 * What both hosts (browser mode and the Electron utility process) read from the environment besides
 * the back-office: demo or live, provider credentials, and the optional provider-call listener.
 *
 * A packaged desktop build (`KASSA_PACKAGED=1`, set by the Electron main process from
 * `app.isPackaged`, or `host.packaged`) is never a demo: it starts live, and `KASSA_DEMO=1` there is
 * refused. From a source checkout (`npm start`, `npm run web`) the demo stays the default.
 */
export function engineOptionsFromEnvironment(
  env: NodeJS.ProcessEnv,
  host: { readonly packaged?: boolean } = {},
): Pick<
  EngineConfig,
  'demo' | 'packaged' | 'env' | 'webhooks' | 'demoMobilePayApproveMs' | 'demoPayNlSettleMs' | 'ecr'
> {
  const packaged = host.packaged === true || env.KASSA_PACKAGED === '1';
  if (packaged && env.KASSA_DEMO === '1') {
    throw new Error('KASSA_DEMO=1: the demo is not available in a packaged Kassa (it would mix fake and real money)');
  }
  const webhookPort = env.KASSA_WEBHOOK_PORT ? Number(env.KASSA_WEBHOOK_PORT) : null;
  if (webhookPort !== null && (!Number.isInteger(webhookPort) || webhookPort < 0 || webhookPort > 65_535)) {
    throw new Error(`invalid KASSA_WEBHOOK_PORT: ${env.KASSA_WEBHOOK_PORT}`);
  }
  const approveMs = env.KASSA_DEMO_MOBILEPAY_MS ? Number(env.KASSA_DEMO_MOBILEPAY_MS) : undefined;
  return {
    // From a source checkout: the embedded demo (sandbox terminals, demo back-office, MobilePay
    // fake) unless a shop says no. It switches itself off once a real back-office or provider is set.
    demo: !packaged && env.KASSA_DEMO !== '0',
    packaged,
    env,
    webhooks:
      webhookPort === null
        ? null
        : {
            port: webhookPort,
            host: env.KASSA_WEBHOOK_HOST ?? '127.0.0.1',
            publicUrl: env.KASSA_WEBHOOK_PUBLIC_URL ?? null,
          },
    demoMobilePayApproveMs: approveMs !== undefined && Number.isFinite(approveMs) ? approveMs : undefined,
    // KASSA_DEMO_PAYNL=1: the demo also runs against the wire-level Pay. fake (see README).
    // PAY.ECR defaults are Pay.'s (broadcast to 255.255.255.255:8889, TCP 8888); overridable for odd networks.
    ecr: {
      discoveryAddress: env.KASSA_ECR_DISCOVERY_ADDRESS,
      discoveryPort: env.KASSA_ECR_DISCOVERY_PORT ? Number(env.KASSA_ECR_DISCOVERY_PORT) : undefined,
      tcpPort: env.KASSA_ECR_PORT ? Number(env.KASSA_ECR_PORT) : undefined,
    },
    demoPayNlSettleMs: env.KASSA_DEMO_PAYNL === '1' ? Number(env.KASSA_DEMO_PAYNL_SETTLE_MS ?? 3_000) : null,
  };
}
