import type { SandboxTerminal } from '../payments/sandbox/sandbox-terminal';
import type { BackofficeConfig } from '../sync/backoffice-client';

/** A provider fake the demo runs on loopback; its config is used like a shop's real credentials. */
export interface DemoProviderFake {
  readonly config: unknown;
  close(): Promise<void>;
}

/** The demo's wire-level fake of one real provider, started while that provider has no real config. */
export interface DemoProviderFakeStarter {
  readonly providerId: string;
  /** It calls back like the provider would, so the engine's provider-call listener must run. */
  readonly callsBack: boolean;
  start(listenerUrl: () => string | null): Promise<DemoProviderFake>;
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
  /** The simulated card terminal the sandbox provider module drives. */
  readonly sandboxTerminal: SandboxTerminal;
  /** Wire-level fakes of real providers (MobilePay with a simulated customer, Pay. with KASSA_DEMO_PAYNL=1). */
  readonly providerFakes: readonly DemoProviderFakeStarter[];
  /** The demo shop's letterhead on receipts (settings keys and values). */
  readonly letterhead: Readonly<Record<string, string>>;
  readonly backoffice: DemoBackoffice;
  /**
   * Tests only: the demo stays on beside a real back-office or provider (a sandbox terminal paying
   * into a test back-office, demo customers paid at a provider fake). `createDemo` in the hosts never sets it.
   */
  readonly staysBesideReal?: boolean;
  /** Closes what the demo opened (the sandbox terminal's file, the demo back-office). */
  close(): Promise<void>;
}
