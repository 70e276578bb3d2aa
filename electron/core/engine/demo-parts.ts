import type { PayNlConfig } from '../payments/paynl/paynl-config';
import type { PaymentProvider } from '../payments/provider';
import type { VippsConfig } from '../payments/vipps/vipps-config';
import type { BackofficeConfig } from '../sync/backoffice-client';

/** A provider fake the demo runs on loopback; its config is used like a shop's real credentials. */
export interface DemoProviderFake<Config> {
  readonly config: Config;
  close(): Promise<void>;
}

/** The embedded demo back-office, started on first use and stopped when the counter leaves it. */
export interface DemoBackoffice {
  start(stationId: string): Promise<BackofficeConfig>;
  stop(): Promise<void>;
}

/**
 * What the demo brings to the engine. The hosts build it (`demo/`, outside the core) only where the
 * demo was asked for and never in a packaged build; the core never imports demo code or fakes.
 * The engine decides when the demo is on: only while nothing real is configured (see demo-switch.ts).
 */
export interface DemoParts {
  /** Registered for as long as the demo was asked for; they offer terminals only while it is on. */
  readonly providers: readonly PaymentProvider[];
  /** The demo shop's letterhead on receipts (settings keys and values). */
  readonly letterhead: Readonly<Record<string, string>>;
  readonly backoffice: DemoBackoffice;
  /** MobilePay against the wire-level fake, with a simulated customer; started while no real Vipps is set. */
  startMobilePay(): Promise<DemoProviderFake<VippsConfig>>;
  /** The wire-level Pay. fake (KASSA_DEMO_PAYNL=1): it calls back on the engine's provider-call listener. */
  startPayNl: ((listenerUrl: () => string | null) => Promise<DemoProviderFake<PayNlConfig>>) | null;
  /**
   * Tests only: the demo stays on beside a real back-office or provider (a sandbox terminal paying
   * into a test back-office, demo customers paid at a provider fake). `createDemo` in the hosts never sets it.
   */
  readonly staysBesideReal?: boolean;
  /** Closes what the demo opened (the sandbox terminal's file, the demo back-office). */
  close(): Promise<void>;
}
