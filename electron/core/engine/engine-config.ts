import type { ServerEvent } from '../../../shared/api/events';
import type { SystemStatus } from '../../../shared/api/schemas';
import type { Dispatch } from '../api/dispatch';
import type { Clock } from '../clock';
import type { PrintEmailService } from '../jobs/print-email-service';
import type { ProviderModule } from '../payments/provider-module';
import type { PeopleService } from '../people/people-service';
import type { UserRepository } from '../people/user-repository';
import type { HostPrinter } from '../printing/host-printer';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { BackofficeConfig } from '../sync/backoffice-client';
import type { SyncEngine } from '../sync/sync-engine';
import type { DemoParts } from './demo-parts';

export interface EngineConfig {
  readonly dataDir: string;
  /**
   * The demo's parts (sandbox terminals, the MobilePay fake, the embedded demo back-office), built by
   * the host with `createDemo` where the demo was asked for; false or absent: no demo. The demo
   * switches itself off (status `mode: 'live'`) as soon as a real back-office or a real provider is
   * configured, so demo approvals can never reach real books.
   */
  readonly demo?: DemoParts | false | null;
  /** A packaged desktop build: never a demo (createEngine refuses `demo` then). */
  readonly packaged?: boolean;
  /**
   * A back-office given by the host (environment variables, tests). Without it: the one set in the
   * app's settings, else the embedded demo back-office in demo mode, else none.
   */
  readonly backoffice?: BackofficeConfig | null;
  /** Seals secrets at rest; defaults to a key file in the data folder (browser mode). */
  readonly secrets?: SecretCipher;
  /** Deliver and pull in the background (tests drive cycles by hand with false). */
  readonly autoSync?: boolean;
  readonly syncIntervalMs?: number;
  readonly version?: string;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** How often the sandbox terminal and voids are asked after (tests shorten it). */
  readonly pollIntervalMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
  /** Where provider credentials may come from (KASSA_PAYNL_*, KASSA_VIPPS_*); default: none. */
  readonly env?: NodeJS.ProcessEnv;
  /** The optional listener for Pay. exchange calls and Vipps webhooks (KASSA_WEBHOOK_*). */
  readonly webhooks?: { readonly port: number; readonly host?: string; readonly publicUrl: string | null } | null;
  /** PAY.ECR on the shop LAN: where discovery broadcasts and which TCP port terminals listen on. */
  readonly ecr?: { readonly discoveryAddress?: string; readonly discoveryPort?: number; readonly tcpPort?: number };
  /** Tests only: another list of provider modules than the registry's (provider-modules.ts). */
  readonly providerModules?: readonly ProviderModule[];
  /** The desktop app's printing (`electron:` printers), given by the utility-process host only. */
  readonly hostPrinter?: HostPrinter | null;
  /**
   * Minutes of inactivity before the station locks itself, until a manager sets it (default 10);
   * null: no idle lock until a manager sets one (tests that move their clock by hours).
   */
  readonly idleLockDefaultMinutes?: number | null;
  /** Status polling of real providers (tests shorten it). */
  readonly providerPollMs?: {
    readonly paynl?: number;
    readonly vipps?: number;
    readonly vippsFirst?: number;
    readonly paytrace?: number;
    readonly checkout?: number;
  };
  /** How long a day close waits for the providers' own day figures (default 8 s; tests shorten it). */
  readonly dayProviderTimeoutMs?: number;
  /** Settlement import pacing and its daily schedule (tests switch the schedule off and the pauses down). */
  readonly reconciliation?: ReconciliationConfig;
}

export interface ReconciliationConfig {
  readonly schedule?: boolean;
  readonly pageGapMs?: number;
  readonly initialDays?: number;
}

export interface Engine {
  readonly dispatch: Dispatch;
  /** Print, e-mail and webhook jobs (receipts, automations), for hosts and tests that drive them. */
  readonly printEmail: PrintEmailService;
  /** This station's sign-in session (issue 12), for hosts and tests that sign someone in. */
  readonly people: { readonly service: PeopleService; readonly users: UserRepository };
  subscribe(listener: (event: ServerEvent) => void): () => void;
  /** Recovers unfinished payments (new payments are refused until then), then connects the sync. */
  start(): Promise<void>;
  status(): SystemStatus;
  /** The back-office sync, for hosts and tests that drive it. */
  readonly sync: SyncEngine;
  /** The webhook listener's port once started (tests deliver provider calls to it). */
  webhookPort(): number | null;
  /** Resolves when the providers' own background asks have finished (tests assert after it, never after a sleep). */
  providersIdle(): Promise<void>;
  close(): Promise<void>;
}

export type EngineLog = (message: string, error?: unknown) => void;
