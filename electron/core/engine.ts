import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerEvent } from '../../shared/api/events';
import type { SystemStatus } from '../../shared/api/schemas';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { type Clock, systemClock } from './clock';
import { openDatabase } from './db/open-database';
import { applyDemoCompany } from './demo/demo-company';
import { createEventBus } from './event-bus';
import { createPaymentOrchestrator } from './payments/orchestrator';
import { toPaymentDto } from './payments/payment-dto';
import { type Applied, createPaymentLedger } from './payments/payment-ledger';
import { createPaymentTracker } from './payments/payment-tracker';
import { createProviderRegistry } from './payments/provider-registry';
import { createAttemptRecorder } from './payments/record-attempt';
import { createSandboxProvider, SANDBOX_TERMINALS } from './payments/sandbox/sandbox-provider';
import { SandboxTerminal } from './payments/sandbox/sandbox-terminal';
import { renderReceiptPdf } from './receipts/receipt-pdf';
import { createCustomerRepository } from './repositories/customers';
import { createInvoiceRepository } from './repositories/invoices';
import { createOutboxRepository } from './repositories/outbox';
import { createPaymentRepository, type PaymentRow } from './repositories/payments';
import { createSettingsRepository } from './repositories/settings';
import { fileKeyCipher, type SecretCipher } from './secrets/secret-cipher';
import type { BackofficeConfig } from './sync/backoffice-client';
import { createBackofficeConnection } from './sync/backoffice-connection';
import { createSyncEngine } from './sync/sync-engine';

export interface EngineConfig {
  readonly dataDir: string;
  /** Demo configuration: sandbox terminals and, unless `backoffice` says otherwise, the embedded demo back-office. */
  readonly demo: boolean;
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
  /** Length of one sandbox terminal phase (card, PIN, processing). */
  readonly sandboxPhaseMs?: number;
  readonly pollIntervalMs?: number;
  readonly demoCustomers?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface Engine {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: ServerEvent) => void): () => void;
  /** Recovers unfinished payments (new payments are refused until then), then connects the sync. */
  start(): Promise<void>;
  status(): SystemStatus;
  /** The back-office sync, for hosts and tests that drive it. */
  readonly sync: ReturnType<typeof createSyncEngine>;
  close(): Promise<void>;
}

/** Builds the whole core: store, providers, orchestrator, sync, API. Plain Node; no Electron. */
export function createEngine(config: EngineConfig): Engine {
  const clock = config.clock ?? systemClock;
  const log = config.log ?? ((message, error) => console.error(`[kassa] ${message}`, error ?? ''));
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'kassa.sqlite'));

  const customers = createCustomerRepository(db);
  const invoices = createInvoiceRepository(db);
  const payments = createPaymentRepository(db);
  const outbox = createOutboxRepository(db);
  const settings = createSettingsRepository(db);
  const bus = createEventBus();
  if (config.demo) applyDemoCompany(settings);

  const device = new SandboxTerminal(join(config.dataDir, 'sandbox-terminal.sqlite'), {
    phaseMs: config.sandboxPhaseMs ?? 1_500,
  });
  const registry = createProviderRegistry([
    createSandboxProvider(device, { pollIntervalMs: config.pollIntervalMs ?? 100 }),
  ]);
  const terminalNames = new Map(SANDBOX_TERMINALS.map((t) => [t.id, t.name]));
  const toDto = (row: PaymentRow) => toPaymentDto(row, payments, (id) => terminalNames.get(id) ?? id);

  const renderReceipt = async (paymentId: string, language: 'nl' | 'en') => {
    const row = payments.get(paymentId);
    const customer = row && customers.get(row.customerId);
    if (!row || !customer) throw new Error(`no payment ${paymentId}`);
    return renderReceiptPdf({
      payment: toDto(row),
      customer,
      company: {
        name: settings.get('company.name') ?? 'Kassa',
        address: settings.get('company.address') ?? '',
        vat: settings.get('company.vat') ?? '',
      },
      language,
    });
  };

  let orchestratorRef: { recovering: boolean } | null = null;
  const sync = createSyncEngine({
    db,
    customers,
    invoices,
    outbox,
    payments,
    settings,
    clock,
    random: config.random,
    pullIntervalMs: config.syncIntervalMs ?? (config.demo ? 5_000 : 30_000),
    renderReceipt,
    onStatus: () => bus.emit({ type: 'system.status', status: status() }),
  });
  const status = (): SystemStatus => ({
    mode: config.demo ? 'demo' : 'live',
    recovering: orchestratorRef?.recovering ?? true,
    outboxDepth: outbox.depth(),
    version: config.version ?? '0.0.0',
    sync: sync.status(),
  });

  const onApplied = (applied: Applied) => {
    if (applied.transition.kind !== 'moved') return;
    bus.emit({ type: 'payment.updated', payment: toDto(applied.payment) });
    if (applied.payment.status === 'approved') {
      bus.emit({ type: 'invoices.changed', customerId: applied.payment.customerId });
      sync.wake();
    }
  };

  const ledger = createPaymentLedger({ db, payments, invoices, outbox, clock });
  const tracker = createPaymentTracker({ payments, ledger, registry, onApplied });
  const recorder = createAttemptRecorder({
    db,
    customers,
    invoices,
    payments,
    clock,
    stationId: () => settings.get('counter.stationId') ?? 'C1',
  });
  const orchestrator = createPaymentOrchestrator({
    payments,
    ledger,
    tracker,
    registry,
    recordAttempt: recorder.record,
    toDto,
    onApplied,
  });
  orchestratorRef = orchestrator;

  const connection = createBackofficeConnection({
    settings,
    secrets: config.secrets ?? fileKeyCipher(config.dataDir),
    sync,
    fromEnvironment: config.backoffice ?? null,
    demo: config.demo ? { dataDir: config.dataDir, today: () => clock.now(), customers: config.demoCustomers } : null,
  });

  const handlers = createHandlers({
    connection,
    customers,
    invoices,
    payments,
    settings,
    outbox,
    sync,
    registry,
    orchestrator,
    clock,
    toDto,
    systemStatus: status,
    renderReceipt,
  });

  return {
    dispatch: createDispatch(handlers, log),
    subscribe: bus.subscribe,
    sync,
    async start() {
      bus.emit({ type: 'system.status', status: status() });
      await orchestrator.recover();
      bus.emit({ type: 'system.status', status: status() });
      await connection.connect();
      // First pull before the counter is used; offline, the counter works from what it has.
      await sync.runCycle();
      if (config.autoSync !== false) sync.start();
    },
    status,
    async close() {
      tracker.stop();
      await sync.stop();
      await connection.close();
      device.close();
      db.close();
    },
  };
}
