import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerEvent } from '../../shared/api/events';
import type { SystemStatus } from '../../shared/api/schemas';
import { createDispatch, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { createPrintEmailHandlers } from './api/handlers-print-email';
import { type Clock, systemClock } from './clock';
import { openDatabase } from './db/open-database';
import { applyDemoCompany, forgetDemoCompany } from './demo/demo-company';
import { guardGoingLive } from './demo/going-live';
import { createEventBus } from './event-bus';
import { createPrintEmailService, type PrintEmailService } from './jobs/print-email-service';
import { createUnmatchedAssigner } from './payments/assign-unmatched';
import { createLateWatchStore } from './payments/late-approval-watch';
import { createPaymentOrchestrator } from './payments/orchestrator';
import { toPaymentDto } from './payments/payment-dto';
import { type Applied, createPaymentLedger } from './payments/payment-ledger';
import { createPaymentTracker } from './payments/payment-tracker';
import { ECR_TCP_PORT } from './payments/paynl/ecr/ecr-messages';
import { createLanOrderGuard } from './payments/paynl/ecr/ecr-order-guard';
import { createEcrSettings } from './payments/paynl/ecr/ecr-settings';
import type { PayNlConfig } from './payments/paynl/paynl-config';
import { createPayNlExchangeHandler } from './payments/paynl/paynl-exchange-handler';
import { createPayNlProvider } from './payments/paynl/paynl-provider';
import type { PaymentProvider } from './payments/provider';
import { createProviderRegistry } from './payments/provider-registry';
import { createProviderSettings } from './payments/provider-settings';
import { createAttemptRecorder } from './payments/record-attempt';
import { createRefundService } from './payments/refund-service';
import { createSandboxProvider, SANDBOX_TERMINALS } from './payments/sandbox/sandbox-provider';
import { SandboxTerminal } from './payments/sandbox/sandbox-terminal';
import { createVippsClient } from './payments/vipps/vipps-client';
import type { VippsConfig } from './payments/vipps/vipps-config';
import { createVippsProvider } from './payments/vipps/vipps-provider';
import { createVippsWebhookHandler } from './payments/vipps/vipps-webhook-handler';
import { createVippsWebhookRegistry } from './payments/vipps/vipps-webhook-registration';
import { createVoidService, type VoidService } from './payments/void-service';
import { createReceiptDocuments } from './receipts/receipt-documents';
import { createCustomerRepository } from './repositories/customers';
import { createInvoiceRepository } from './repositories/invoices';
import { createOutboxRepository } from './repositories/outbox';
import { createPaymentRepository, type PaymentRow } from './repositories/payments';
import { createProviderEventRepository } from './repositories/provider-events';
import { createRefundRepository } from './repositories/refunds';
import { createSettingsRepository } from './repositories/settings';
import { createUnmatchedRepository } from './repositories/unmatched';
import { createVoidRepository } from './repositories/voids';
import { fileKeyCipher, type SecretCipher } from './secrets/secret-cipher';
import type { BackofficeConfig } from './sync/backoffice-client';
import { createBackofficeConnection } from './sync/backoffice-connection';
import { createBooks } from './sync/books';
import { createInvoiceHolds } from './sync/invoice-holds';
import { createSyncEngine } from './sync/sync-engine';
import { startWebhookServer, WEBHOOK_PATHS } from './webhooks/webhook-server';

export interface EngineConfig {
  readonly dataDir: string;
  /**
   * Demo configuration: sandbox terminals, the MobilePay fake and the embedded demo back-office. It
   * switches itself off (status `mode: 'live'`) as soon as a real back-office or a real provider is
   * configured, so demo approvals can never reach real books.
   */
  readonly demo: boolean;
  /** A packaged desktop build: never a demo (createEngine refuses `demo` then). */
  readonly packaged?: boolean;
  /**
   * Tests only: keep the demo parts beside a real back-office or provider (a sandbox terminal paying
   * into a test back-office, demo customers paid at a provider fake). No host sets it.
   */
  readonly demoBesideRealForTests?: boolean;
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
  /** Where provider credentials may come from (KASSA_PAYNL_*, KASSA_VIPPS_*); default: none. */
  readonly env?: NodeJS.ProcessEnv;
  /** The optional listener for Pay. exchange calls and Vipps webhooks (KASSA_WEBHOOK_*). */
  readonly webhooks?: { readonly port: number; readonly host?: string; readonly publicUrl: string | null } | null;
  /** Demo: how long the simulated MobilePay customer takes to approve. */
  readonly demoMobilePayApproveMs?: number;
  /** Demo: also run against the wire-level Pay. fake (terminals settle after this many ms). */
  readonly demoPayNlSettleMs?: number | null;
  /** PAY.ECR on the shop LAN: where discovery broadcasts and which TCP port terminals listen on. */
  readonly ecr?: { readonly discoveryAddress?: string; readonly discoveryPort?: number; readonly tcpPort?: number };
  /** Status polling of real providers (tests shorten it). */
  readonly providerPollMs?: { readonly paynl?: number; readonly vipps?: number; readonly vippsFirst?: number };
}

export interface Engine {
  readonly dispatch: Dispatch;
  subscribe(listener: (event: ServerEvent) => void): () => void;
  /** Recovers unfinished payments (new payments are refused until then), then connects the sync. */
  start(): Promise<void>;
  status(): SystemStatus;
  /** The back-office sync, for hosts and tests that drive it. */
  readonly sync: ReturnType<typeof createSyncEngine>;
  /** Print, e-mail and webhook jobs (issue 11), for hosts and tests that drive them. */
  readonly printEmail: PrintEmailService;
  /** The webhook listener's port once started (tests deliver provider calls to it). */
  webhookPort(): number | null;
  close(): Promise<void>;
}

/** Builds the whole core: store, providers, orchestrator, sync, API. Plain Node; no Electron. */
export function createEngine(config: EngineConfig): Engine {
  if (config.packaged && (config.demo || config.demoBesideRealForTests)) {
    throw new Error('the demo is not available in a packaged Kassa: it would mix fake and real money');
  }
  const clock = config.clock ?? systemClock;
  const log = config.log ?? ((message, error) => console.error(`[kassa] ${message}`, error ?? ''));
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'kassa.sqlite'));

  const customers = createCustomerRepository(db);
  const invoices = createInvoiceRepository(db);
  const payments = createPaymentRepository(db);
  const outbox = createOutboxRepository(db);
  const settings = createSettingsRepository(db);
  const refunds = createRefundRepository(db);
  const voids = createVoidRepository(db);
  const providerEvents = createProviderEventRepository(db);
  const unmatched = createUnmatchedRepository(db);
  const secrets = config.secrets ?? fileKeyCipher(config.dataDir);
  const bus = createEventBus();

  // The sandbox terminal exists only where the demo was asked for (never in a packaged build).
  const device = config.demo
    ? new SandboxTerminal(join(config.dataDir, 'sandbox-terminal.sqlite'), { phaseMs: config.sandboxPhaseMs ?? 1_500 })
    : null;
  let webhookServer: Awaited<ReturnType<typeof startWebhookServer>> | null = null;
  let demoVipps: { config: VippsConfig; close(): Promise<void> } | null = null;
  let demoPayNl: { config: PayNlConfig; close(): Promise<void> } | null = null;
  const providerSettings = createProviderSettings({
    settings,
    secrets,
    env: config.env ?? {},
    webhookPublicUrl: config.webhooks?.publicUrl ?? null,
    webhookListening: () => webhookServer !== null,
    demoVipps: () => (demoActive() ? (demoVipps?.config ?? null) : null),
    demoPayNl: () => (demoActive() ? (demoPayNl?.config ?? null) : null),
  });
  // Set once the back-office connection exists (below); until then only the host's word counts.
  let realBackoffice: () => boolean = () => config.backoffice != null;
  /** The demo is on only while nothing real is configured: no back-office, no Pay., no Vipps. */
  const demoActive = (): boolean => {
    if (!config.demo) return false;
    if (config.demoBesideRealForTests) return true;
    const real = providerSettings.configuredByShop();
    return !realBackoffice() && !real.payNl && !real.vipps;
  };
  const ecrSettings = createEcrSettings({
    settings,
    discovery: {
      address: config.ecr?.discoveryAddress,
      port: config.ecr?.discoveryPort,
      timeoutMs: config.ecr?.discoveryAddress ? 500 : 3_000,
    },
  });
  let wakePayment: (reference: string) => void = () => {};
  let notePayment: (paymentId: string, event: string, detail: unknown) => void = () => {};
  const paynl = createPayNlProvider({
    config: providerSettings.payNl,
    pollIntervalMs: config.providerPollMs?.paynl,
    log: (message) => log(message),
    lan: {
      mode: ecrSettings.mode,
      address: ecrSettings.address,
      port: config.ecr?.tcpPort ?? ECR_TCP_PORT,
      onEvent: (reference) => wakePayment(reference),
      guard: createLanOrderGuard({ payments, unmatched, note: (...args) => notePayment(...args) }),
    },
  });
  const vippsClient = createVippsClient({ config: providerSettings.vipps, systemVersion: config.version ?? '0.0.0' });
  const vipps = createVippsProvider({
    client: vippsClient,
    configured: () => providerSettings.vipps() !== null,
    pollIntervalMs: config.providerPollMs?.vipps,
    firstPollDelayMs: config.providerPollMs?.vippsFirst,
  });
  const vippsWebhooks = createVippsWebhookRegistry({ client: vippsClient, settings, secrets });
  const providers: PaymentProvider[] = [paynl, vipps];
  if (device) {
    // Registered for as long as the demo was asked for, so its old payments can still be resolved;
    // it offers terminals only while the demo is on.
    const sandbox = createSandboxProvider(device, { pollIntervalMs: config.pollIntervalMs ?? 100 });
    providers.unshift({ ...sandbox, listTerminals: async () => (demoActive() ? sandbox.listTerminals() : []) });
  }
  // Credentials removed: that provider's open payments are shown for a manager to decide, not polled.
  const credentialsFor: Record<string, () => unknown> = {
    paynl: providerSettings.payNl,
    vipps: providerSettings.vipps,
  };
  const registry = createProviderRegistry(providers, {
    configured: (id) => (credentialsFor[id] ? credentialsFor[id]() !== null : true),
  });
  const terminalNames = new Map<string, string>(SANDBOX_TERMINALS.map((t) => [t.id, t.name]));
  terminalNames.set('mobilepay', 'MobilePay');
  const toDto = (row: PaymentRow) =>
    toPaymentDto(row, {
      payments,
      refunds,
      terminalName: (id) => registry.nameOf(id) ?? terminalNames.get(id) ?? id,
      refundKinds: (payment) => registry.provider(payment.provider)?.capabilities.refunds ?? [],
      idempotentRefunds: (payment) => registry.provider(payment.provider)?.capabilities.idempotentRefunds ?? false,
      providerConfigured: (payment) => registry.provider(payment.provider) !== undefined,
      voidable: (payment) => voidService?.voidable(payment) ?? false,
      voidStatus: (payment) => voids.latestForPayment(payment.id)?.status ?? null,
    });
  let voidService: VoidService | null = null;

  // Receipts are frozen when issued (approval, refund) and rendered only from what was frozen.
  const documents = createReceiptDocuments({ db, payments, refunds, customers, settings, outbox, toDto });
  const renderReceipt = (paymentId: string, language: 'nl' | 'en') =>
    documents.renderPaymentReceipt(paymentId, language);

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
    renderReceipt: documents.paymentReceiptForUpload,
    renderRefundReceipt: documents.refundReceiptForUpload,
    onStatus: () => bus.emit({ type: 'system.status', status: status() }),
  });
  const status = (): SystemStatus => ({
    mode: demoActive() ? 'demo' : 'live',
    recovering: orchestratorRef?.recovering ?? true,
    outboxDepth: outbox.depth(),
    version: config.version ?? '0.0.0',
    sync: sync.status(),
  });

  const onApplied = (applied: Applied) => {
    if (applied.transition.kind !== 'moved') return;
    invoiceHolds.paymentEnded(applied);
    bus.emit({ type: 'payment.updated', payment: toDto(applied.payment) });
    if (applied.payment.status === 'approved' || applied.payment.status === 'voided') {
      bus.emit({ type: 'invoices.changed', customerId: applied.payment.customerId });
    }
    // Approvals and refunds put messages in the outbox: deliver them now, not at the next pull.
    if (['approved', 'partially_refunded', 'refunded', 'voided'].includes(applied.payment.status)) sync.wake();
  };

  const stationId = () => settings.get('counter.stationId') ?? 'C1';
  const ledger = createPaymentLedger({ db, payments, invoices, outbox, refunds, voids, clock, stationId, documents });
  // Issue 11: print, e-mail and webhook jobs; automations follow the bus's payment updates.
  const printEmail = createPrintEmailService({
    db,
    settings,
    secrets,
    clock,
    documents,
    payments,
    customers,
    stationId,
    env: config.env ?? {},
    random: config.random ?? Math.random,
    subscribe: bus.subscribe,
    log,
  });
  const invoiceHolds = createInvoiceHolds({ payments, ledger, client: () => sync.client(), log });
  const tracker = createPaymentTracker({
    payments,
    ledger,
    registry,
    onApplied,
    lateWatch: createLateWatchStore(db),
  });
  notePayment = (paymentId, event, detail) => ledger.note(paymentId, event, detail);
  // A live event from a LAN terminal: show it now, not at the next poll.
  wakePayment = (reference) => {
    const payment = payments.byReference(reference);
    if (payment) tracker.wake(payment.id);
  };
  const recorder = createAttemptRecorder({
    db,
    customers,
    invoices,
    payments,
    clock,
    stationId,
  });
  const orchestrator = createPaymentOrchestrator({
    payments,
    ledger,
    tracker,
    registry,
    recordAttempt: recorder.record,
    toDto,
    onApplied,
    holdInvoices: invoiceHolds.hold,
  });
  orchestratorRef = orchestrator;
  const refundService = createRefundService({
    db,
    payments,
    refunds,
    ledger,
    registry,
    clock,
    onApplied,
    onRefundChanged: (paymentId) => {
      const row = payments.get(paymentId);
      if (row) bus.emit({ type: 'payment.updated', payment: toDto(row) });
    },
    voidInFlight: (paymentId) => voids.openForPayment(paymentId) !== undefined,
    pollIntervalMs: config.providerPollMs?.paynl,
  });
  voidService = createVoidService({
    db,
    payments,
    refunds,
    voids,
    ledger,
    registry,
    clock,
    onApplied,
    onVoidChanged: (paymentId) => {
      const row = payments.get(paymentId);
      if (row) bus.emit({ type: 'payment.updated', payment: toDto(row) });
    },
    pollIntervalMs: config.pollIntervalMs,
  });
  const emitUnmatched = () => bus.emit({ type: 'unmatched.changed', count: unmatched.open().length });
  const webhookRoutes = {
    [WEBHOOK_PATHS.paynl]: createPayNlExchangeHandler({
      config: providerSettings.payNl,
      provider: paynl,
      payments,
      ledger,
      tracker,
      events: providerEvents,
      unmatched,
      clock,
      onApplied,
      onUnmatched: emitUnmatched,
      log: (message) => log(message),
    }),
    [WEBHOOK_PATHS.vipps]: createVippsWebhookHandler({
      registration: () => vippsWebhooks.current(),
      merchantSerialNumber: () => providerSettings.vipps()?.merchantSerialNumber ?? null,
      payments,
      ledger,
      tracker,
      events: providerEvents,
      clock,
      onApplied,
      log: (message) => log(message),
    }),
  };

  const connection = createBackofficeConnection({
    settings,
    secrets,
    sync,
    books: createBooks({ db, dataDir: config.dataDir, clock }),
    fromEnvironment: config.backoffice ?? null,
    demo: config.demo ? { dataDir: config.dataDir, today: () => clock.now(), customers: config.demoCustomers } : null,
    demoAllowed: () => demoActive(),
    log: (message) => log(message),
    onSwitched: (from) => {
      if (from.kind === 'demo') forgetDemoCompany(db);
    },
  });
  realBackoffice = connection.realConfigured;
  if (demoActive()) applyDemoCompany(settings);
  else forgetDemoCompany(db);
  const providerSettingsApi = guardGoingLive(providerSettings, {
    demoActive,
    // With the demo off the demo back-office goes too: refused while its business is unfinished.
    assertMayLeaveDemo: () => {
      if (!config.demoBesideRealForTests) connection.assertMayMoveTo({ kind: 'none' });
    },
    leftDemo: () => {
      bus.emit({ type: 'system.status', status: status() });
      connection.connect().catch((error: unknown) => log('switching off the demo back-office failed', error));
      const fakes = [demoVipps, demoPayNl];
      demoVipps = null;
      demoPayNl = null;
      for (const fake of fakes) fake?.close().catch((error: unknown) => log('closing a demo provider failed', error));
    },
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
    refunds: refundService,
    voids: voidService,
    assignUnmatched: createUnmatchedAssigner({ db, unmatched, recordTaken: recorder.recordTaken, ledger }),
    ledger,
    unmatched,
    providerSettings: providerSettingsApi,
    ecrSettings,
    onApplied,
    onUnmatchedChanged: emitUnmatched,
    checkPayment: (paymentId) => tracker.checkOnce(paymentId),
    printEmailHandlers: createPrintEmailHandlers({ db, printEmail, payments, toDto, shopLanguage: () => 'nl' }),
  });

  return {
    dispatch: createDispatch(handlers, log),
    subscribe: bus.subscribe,
    sync,
    printEmail,
    webhookPort: () => webhookServer?.port ?? null,
    async start() {
      bus.emit({ type: 'system.status', status: status() });
      if (demoActive() && !providerSettings.vipps()) {
        // Demo mode offers MobilePay against the wire-level fake, with a simulated customer.
        const { startDemoMobilePay } = await import('../../fakes/vipps/demo-mobilepay');
        demoVipps = await startDemoMobilePay({ approveAfterMs: config.demoMobilePayApproveMs ?? 4_000 });
      }
      const demoPay = demoActive() && config.demoPayNlSettleMs != null && !providerSettings.payNl();
      if (config.webhooks || demoPay) {
        // The demo Pay. fake calls back like Pay. would, so the demo listens on a loopback port.
        webhookServer = await startWebhookServer({
          port: config.webhooks?.port ?? 0,
          host: config.webhooks?.host,
          routes: webhookRoutes,
          log: (message) => log(message),
        });
      }
      if (demoPay && config.demoPayNlSettleMs != null) {
        const { startDemoPayNl } = await import('../../fakes/paynl/demo-paynl');
        const port = webhookServer?.port;
        demoPayNl = await startDemoPayNl({
          settleMs: config.demoPayNlSettleMs,
          listenerUrl: () => (port ? `http://127.0.0.1:${port}` : null),
        });
      }
      await registry.terminals().catch(() => []);
      await orchestrator.recover();
      refundService.resume();
      voidService?.resume();
      const publicUrl = config.webhooks?.publicUrl;
      if (publicUrl && providerSettings.vipps()) {
        // Without a registered webhook the poll alone follows MobilePay requests; Kassa works either way.
        await vippsWebhooks
          .ensure(`${publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATHS.vipps}`)
          .catch((error: unknown) => log('Vipps webhook registration failed; polling only', error));
      }
      bus.emit({ type: 'system.status', status: status() });
      await connection.connect();
      // First pull before the counter is used; offline, the counter works from what it has.
      await sync.runCycle();
      if (config.autoSync !== false) sync.start();
      printEmail.start();
    },
    status,
    async close() {
      tracker.stop();
      refundService.stop();
      voidService?.stop();
      paynl.close();
      await sync.stop();
      await printEmail.stop();
      await connection.close();
      await webhookServer?.close();
      await demoVipps?.close();
      await demoPayNl?.close();
      device?.close();
      db.close();
    },
  };
}
