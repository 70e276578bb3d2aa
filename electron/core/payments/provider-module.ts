import { z } from 'zod';
import type { FieldDescriptor, LocalText } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { DayTotalsSource } from '../day/provider-day-totals';
import type { Db } from '../db/types';
import type { PaymentRepository } from '../repositories/payments';
import type { ProviderEventRepository } from '../repositories/provider-events';
import type { SettingsRepository } from '../repositories/settings';
import type { UnmatchedRepository } from '../repositories/unmatched';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { SettlementSource } from '../settlement/settlement-row';
import type { CallHandler } from '../webhooks/incoming';
import type { Applied, PaymentLedger } from './payment-ledger';
import type { PaymentTracker } from './payment-tracker';
import type { PaymentProvider } from './provider';

/** A secret a manager types (token, key): write-only, sealed at rest. */
export const SecretInput = z.string().trim().min(8).max(200);

/** A setting's value as stored and shown: text, or a switch; null when not set. */
export type SettingValue = string | boolean | null;
export type SettingValues = Readonly<Record<string, SettingValue>>;

/**
 * What Settings shows of a provider and what may set it. `Config` is what the adapter runs on; the
 * settings service resolves it (environment, else Settings, else the demo's) and seals secrets.
 */
export interface ProviderSettingsDefinition<Config> {
  /** The form's title, e.g. "Pay. (card terminals)". */
  readonly title: LocalText;
  /** The fields in the order the form shows them; `kind: 'secret'` fields are write-only. */
  readonly fields: readonly FieldDescriptor[];
  /** What a manager may save, checked in the core. Secrets are optional: omitted keeps the stored one. */
  readonly input: z.ZodType<Readonly<Record<string, string | boolean | undefined>>>;
  /** Environment variables (scripted installs) win over Settings; null when they set nothing. */
  fromEnvironment(env: NodeJS.ProcessEnv, context: ConfigContext): Config | null;
  /** The adapter's config from saved values (secrets opened); null when not enough was saved. */
  fromValues(values: SettingValues, context: ConfigContext): Config | null;
  /** The field values of a config (secrets included: the service turns them into "is set"). */
  toValues(config: Config): SettingValues;
  /** In demo mode, show the demo fake's values (true) or an empty form (false). */
  readonly demoValuesShown: boolean;
}

export interface ConfigContext {
  /** The public URL of this provider's call handler (exchange, webhook), when the shop has one. */
  readonly callUrl: string | null;
}

/** Discovers terminals on the shop network and sets, per terminal, how the counter reaches it. */
export interface TerminalDiscovery {
  discover(): Promise<Array<{ code: string; name: string; address: string }>>;
  setConnection(terminalId: string, connection: 'cloud' | 'lan'): void;
}

/** Where the host tunes providers (tests shorten polling; a shop LAN may need another port). */
export interface ProviderHostOptions {
  readonly version: string;
  /** Status polling by key (a provider decides its keys, e.g. its id); tests shorten it. */
  readonly providerPollMs?: Readonly<Record<string, number | undefined>>;
  /** Terminals on the shop LAN: where discovery broadcasts and which TCP port terminals listen on. */
  readonly lan?: { readonly discoveryAddress?: string; readonly discoveryPort?: number; readonly tcpPort?: number };
  /** Sandbox polling (demo). */
  readonly pollIntervalMs?: number;
}

/** What the engine hands every provider module. */
export interface ProviderDeps<Config> {
  /** The current config: environment, else Settings, else the demo's; null when none. */
  readonly config: () => Config | null;
  readonly options: ProviderHostOptions;
  readonly settings: SettingsRepository;
  readonly secrets: SecretCipher;
  readonly payments: PaymentRepository;
  readonly unmatched: UnmatchedRepository;
  readonly events: ProviderEventRepository;
  readonly clock: Clock;
  /** Set once the ledger and tracker exist (they need the registry first): read them when called. */
  readonly ledger: () => PaymentLedger;
  readonly tracker: () => PaymentTracker;
  readonly onApplied: (applied: Applied) => void;
  readonly onUnmatched: () => void;
  /** A provider's live event about a payment: follow it now rather than at the next poll. */
  readonly wakePayment: (reference: string) => void;
  readonly notePayment: (paymentId: string, event: string, detail: unknown) => void;
  /** The store, for what a provider must remember across restarts (PayTrace: settled batches, migration 0220). */
  readonly db: Db;
  /** Something the payment's screen shows changed outside the ledger (PayTrace: void or refund): show it again. */
  readonly paymentChanged: (paymentId: string) => void;
  /** Demo parts given by the host (sandbox terminal); absent outside the demo. */
  readonly demo: { readonly sandboxTerminal: unknown; readonly active: () => boolean } | null;
  readonly log: (message: string, error?: unknown) => void;
}

/** One provider as the engine runs it. */
export interface ProviderInstance {
  readonly provider: PaymentProvider;
  /** Calls from the provider (Pay. exchange, Vipps webhooks): the listener routes `path` here. */
  readonly calls?: { readonly path: string; readonly handler: CallHandler };
  readonly discovery?: TerminalDiscovery;
  /** Terminal names known without asking the provider (shown for old payments when offline). */
  readonly knownTerminals?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** What the provider settled (payouts, fees), for reconciliation; absent when it offers none. */
  readonly settlements?: SettlementSource;
  /** What the provider says it took in a window of the day (X/Z "provider reports"); absent when it cannot say. */
  readonly dayTotals?: DayTotalsSource;
  /** After recovery: e.g. register the provider's webhook at `callUrl`. Failures are logged, not fatal. */
  start?(context: { callUrl: string | null }): Promise<void>;
  /** Resolves when the provider's own background work (asks it started by itself) has finished. */
  idle?(): Promise<void>;
  close?(): void | Promise<void>;
}

/** One payment provider: a folder `payments/<id>/` whose index.ts exports this, and one registry line. */
export interface ProviderModule<Config = unknown> {
  readonly id: string;
  /** Absent: nothing to set up (the demo's sandbox). */
  readonly settings?: ProviderSettingsDefinition<Config>;
  /** Where its provider calls arrive, if it takes any (the path is fixed: providers are told it). */
  readonly callPath?: string;
  /** The running provider, or null when it is not available in this engine (the sandbox outside the demo). */
  create(deps: ProviderDeps<Config>): ProviderInstance | null;
}

/**
 * Declares a module with its own config type. The registry holds modules of different config
 * types; each module's config only ever comes from its own settings definition, so the erasure is safe.
 */
export function defineProviderModule<Config>(module: ProviderModule<Config>): ProviderModule {
  return module as unknown as ProviderModule;
}
