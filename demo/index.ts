import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoParts } from '../electron/core/engine/demo-parts';
import { SandboxTerminal } from '../electron/core/payments/sandbox/sandbox-terminal';
import { DEMO_LETTERHEAD } from './demo-company';
import type { EmbeddedBackoffice } from './embedded-backoffice';

export interface DemoOptions {
  /** The counter's data folder: the sandbox terminal's and the demo back-office's files live beside Kassa's. */
  readonly dataDir: string;
  /** A packaged desktop build: refused, the demo would mix fake and real money. */
  readonly packaged?: boolean;
  /** Length of one sandbox terminal phase (card, PIN, processing). */
  readonly sandboxPhaseMs?: number;
  /** Size of the demo back-office's books, and the day they are made for. */
  readonly customers?: number;
  readonly today?: () => Date;
  /** How long the simulated MobilePay customer takes to approve. */
  readonly mobilePayApproveMs?: number;
  /** Also run against the wire-level Pay. fake (terminals settle after this many ms); null: not. */
  readonly payNlSettleMs?: number | null;
  /** Tests only: keep the demo on beside a real back-office or provider. No host sets it. */
  readonly staysBesideRealForTests?: boolean;
}

/**
 * Everything demo mode adds to a counter, in one place outside the core: the sandbox terminal, the
 * embedded demo back-office with its generated books, the MobilePay and Pay. fakes, and the demo
 * shop's letterhead. The hosts (browser mode, the Electron utility process) call this only when the
 * demo was asked for and hand the result to `createEngine({ demo })`.
 */
export function createDemo(options: DemoOptions): DemoParts {
  if (options.packaged)
    throw new Error('the demo is not available in a packaged Kassa: it would mix fake and real money');
  mkdirSync(options.dataDir, { recursive: true });
  const device = new SandboxTerminal(join(options.dataDir, 'sandbox-terminal.sqlite'), {
    phaseMs: options.sandboxPhaseMs ?? 1_500,
  });
  let embedded: EmbeddedBackoffice | null = null;
  const stopBackoffice = async () => {
    if (!embedded) return;
    const closing = embedded;
    embedded = null;
    await closing.server.close();
    closing.server.store.close();
  };
  const payNlSettleMs = options.payNlSettleMs ?? null;
  return {
    sandboxTerminal: device,
    letterhead: DEMO_LETTERHEAD,
    backoffice: {
      async start(stationId) {
        const { startEmbeddedBackoffice } = await import('./embedded-backoffice');
        embedded ??= await startEmbeddedBackoffice({
          dataDir: options.dataDir,
          today: options.today?.() ?? new Date(),
          customers: options.customers,
          stationId,
        });
        return { url: embedded.server.url, stationId: embedded.stationId, token: embedded.token };
      },
      stop: stopBackoffice,
    },
    // The fakes and the back-office load on first use: a counter starts as fast as it did with them in the core.
    providerFakes: [
      {
        providerId: 'vipps',
        callsBack: false,
        async start() {
          const { startDemoMobilePay } = await import('./demo-mobilepay');
          return startDemoMobilePay({ approveAfterMs: options.mobilePayApproveMs ?? 4_000 });
        },
      },
      {
        providerId: 'paytrace',
        callsBack: false,
        async start() {
          const { startDemoPayTrace } = await import('./demo-paytrace');
          return startDemoPayTrace();
        },
      },
      {
        providerId: 'checkout',
        callsBack: true,
        start: (listener: () => string | null) =>
          import('./demo-checkout').then((m) =>
            m.startDemoCheckout({ payerPaysAfterMs: 8_000, listenerUrl: listener }),
          ),
      },
      ...(payNlSettleMs === null
        ? []
        : [
            {
              providerId: 'paynl',
              callsBack: true,
              async start(listenerUrl: () => string | null) {
                const { startDemoPayNl } = await import('./demo-paynl');
                return startDemoPayNl({ settleMs: payNlSettleMs, listenerUrl });
              },
            },
          ]),
    ],
    staysBesideReal: options.staysBesideRealForTests === true,
    async close() {
      await stopBackoffice();
      device.close();
    },
  };
}
