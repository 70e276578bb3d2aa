import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerEvent } from '../../shared/api/events';
import type { SystemStatus } from '../../shared/api/schemas';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { type Clock, systemClock } from './clock';
import { openDatabase } from './db/open-database';
import { seedDemoIfEmpty } from './demo/seed-demo';
import { createEventBus } from './event-bus';
import { createPaymentOrchestrator } from './payments/orchestrator';
import { toPaymentDto } from './payments/payment-dto';
import { type Applied, createPaymentLedger } from './payments/payment-ledger';
import { createPaymentTracker } from './payments/payment-tracker';
import { createProviderRegistry } from './payments/provider-registry';
import { createAttemptRecorder } from './payments/record-attempt';
import { createSandboxProvider, SANDBOX_TERMINALS } from './payments/sandbox/sandbox-provider';
import { SandboxTerminal } from './payments/sandbox/sandbox-terminal';
import { createCustomerRepository } from './repositories/customers';
import { createInvoiceRepository } from './repositories/invoices';
import { createOutboxRepository } from './repositories/outbox';
import { createPaymentRepository } from './repositories/payments';
import { createSettingsRepository } from './repositories/settings';

export interface EngineConfig {
  readonly dataDir: string;
  /** Embedded demo back-office data and the sandbox terminal. */
  readonly demo: boolean;
  readonly version?: string;
  readonly clock?: Clock;
  /** Length of one sandbox terminal phase (card, PIN, processing). */
  readonly sandboxPhaseMs?: number;
  readonly pollIntervalMs?: number;
  readonly demoCustomers?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface Engine {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: ServerEvent) => void): () => void;
  /** Recovers unfinished payments; new payments are refused until it resolves. */
  start(): Promise<void>;
  status(): SystemStatus;
  close(): void;
}

/** Builds the whole core: store, providers, orchestrator, API. Plain Node; no Electron. */
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

  if (config.demo)
    seedDemoIfEmpty(db, { customers, invoices, settings }, { today: clock.now(), customers: config.demoCustomers });

  const device = new SandboxTerminal(join(config.dataDir, 'sandbox-terminal.sqlite'), {
    phaseMs: config.sandboxPhaseMs ?? 1_500,
  });
  const registry = createProviderRegistry([
    createSandboxProvider(device, { pollIntervalMs: config.pollIntervalMs ?? 100 }),
  ]);
  const terminalNames = new Map(SANDBOX_TERMINALS.map((t) => [t.id, t.name]));
  const toDto = (row: Parameters<typeof toPaymentDto>[0]) =>
    toPaymentDto(row, payments, (id) => terminalNames.get(id) ?? id);

  let orchestratorRef: { recovering: boolean } | null = null;
  const status = (): SystemStatus => ({
    mode: config.demo ? 'demo' : 'live',
    recovering: orchestratorRef?.recovering ?? true,
    outboxDepth: outbox.depth(),
    version: config.version ?? '0.0.0',
  });

  const onApplied = (applied: Applied) => {
    if (applied.transition.kind !== 'moved') return;
    bus.emit({ type: 'payment.updated', payment: toDto(applied.payment) });
    if (applied.payment.status === 'approved') {
      bus.emit({ type: 'invoices.changed', customerId: applied.payment.customerId });
      bus.emit({ type: 'system.status', status: status() });
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

  const handlers = createHandlers({
    customers,
    invoices,
    payments,
    settings,
    registry,
    orchestrator,
    clock,
    toDto,
    systemStatus: status,
  });

  return {
    dispatch: createDispatch(handlers, log),
    subscribe: bus.subscribe,
    async start() {
      bus.emit({ type: 'system.status', status: status() });
      await orchestrator.recover();
      bus.emit({ type: 'system.status', status: status() });
    },
    status,
    close() {
      tracker.stop();
      device.close();
      db.close();
    },
  };
}
