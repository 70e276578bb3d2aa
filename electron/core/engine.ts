import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemStatus } from '../../shared/api/schemas';
import { createDispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { systemClock } from './clock';
import { openDatabase } from './db/open-database';
import { createDemoSwitch } from './engine/demo-switch';
import type { Engine, EngineConfig } from './engine/engine-config';
import { guardGoingLive } from './engine/going-live';
import { openRepositories } from './engine/open-repositories';
import { systemStatus } from './engine/system-status';
import { wireAudit } from './engine/wire-audit';
import { wireDay, zDocumentsFor } from './engine/wire-day';
import { wirePayments } from './engine/wire-payments';
import { wirePeople } from './engine/wire-people';
import { wireReconciliation } from './engine/wire-reconciliation';
import { wireSync } from './engine/wire-sync';
import { createEventBus } from './event-bus';
import { createPrintEmailService } from './jobs/print-email-service';
import { createUnmatchedAssigner } from './payments/assign-unmatched';
import { PROVIDER_MODULES } from './payments/provider-modules';
import { createProviders } from './payments/providers';
import { fileKeyCipher } from './secrets/secret-cipher';
import { startWebhookServer } from './webhooks/webhook-server';

export type { DemoParts } from './engine/demo-parts';
export type { Engine, EngineConfig } from './engine/engine-config';

/**
 * Builds the whole core: store, providers, orchestrator, sync, API. Plain Node; no Electron. The
 * demo comes in from the host as parts (`config.demo`); the core imports no demo code or fakes.
 */
export function createEngine(config: EngineConfig): Engine {
  if (config.packaged && config.demo) {
    throw new Error('the demo is not available in a packaged Kassa: it would mix fake and real money');
  }
  const clock = config.clock ?? systemClock;
  const log = config.log ?? ((message, error) => console.error(`[kassa] ${message}`, error ?? ''));
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'kassa.sqlite'));
  const repos = openRepositories(db);
  const audit = wireAudit({ db, repos, clock, wakeSync: () => sync.wake() });
  const secrets = config.secrets ?? fileKeyCipher(config.dataDir);
  const bus = createEventBus();
  const demo = createDemoSwitch({ demo: config.demo || null, db, settings: repos.settings, log });

  let webhookServer: Awaited<ReturnType<typeof startWebhookServer>> | null = null;
  // Provider block (provider-modules): every registered provider, its settings, calls and discovery.
  const providers = createProviders(config.providerModules ?? PROVIDER_MODULES, {
    options: {
      version: config.version ?? '0.0.0',
      providerPollMs: config.providerPollMs,
      lan: config.ecr,
      pollIntervalMs: config.pollIntervalMs,
    },
    settings: repos.settings,
    secrets,
    payments: repos.payments,
    unmatched: repos.unmatched,
    events: repos.providerEvents,
    clock,
    env: config.env ?? {},
    webhookPublicUrl: config.webhooks?.publicUrl ?? null,
    webhookListening: () => webhookServer !== null,
    demoConfig: demo.providerConfig,
    demo: demo.sandbox,
    onApplied: (applied) => money.onApplied(applied),
    onUnmatched: () => emitUnmatched(),
    wakePayment: (reference) => money.wake(reference),
    notePayment: (paymentId, event, detail) => money.ledger.note(paymentId, event, detail),
    db,
    paymentChanged: (paymentId) => {
      const row = repos.payments.get(paymentId);
      if (row) bus.emit({ type: 'payment.updated', payment: money.toDto(row) });
    },
    log,
  });
  const { registry, settings: providerSettings } = providers;
  const money = wirePayments({
    config,
    db,
    repos,
    registry,
    bus,
    clock,
    log,
    terminalName: providers.terminalName,
    backofficeClient: () => sync.client(),
    wakeSync: () => sync.wake(),
    audit: audit.trail.append,
    dayOpen: () => day.service.admitPayment(),
  });
  const status = (): SystemStatus =>
    systemStatus({
      demoActive: demo.active,
      recovering: () => money.orchestrator.recovering,
      outbox: repos.outbox,
      sync,
      version: config.version ?? '0.0.0',
    });
  const emitStatus = () => bus.emit({ type: 'system.status', status: status() });
  const people = wirePeople({
    db,
    repos,
    clock,
    log,
    idleLockDefaultMinutes: config.idleLockDefaultMinutes,
    audit: audit.trail.append,
  });
  const { sync, connection } = wireSync({
    config,
    db,
    repos,
    documents: money.documents,
    secrets,
    demo,
    clock,
    log,
    onStatus: emitStatus,
    audited: audit.trail.audited,
    pullUsers: people.pullUsers,
  });
  const recon = wireReconciliation({
    db,
    settings: repos.settings,
    sources: providers.settlementSources,
    configured: (id) => providers.registry.provider(id) !== undefined,
    clock,
    config: config.reconciliation,
    wakeSync: () => sync.wake(),
    log,
    audit: audit.trail.append,
  });
  const emitUnmatched = () => bus.emit({ type: 'unmatched.changed', count: repos.unmatched.open().length });
  // Print, e-mail and webhook jobs; automations follow the bus's payment updates. Z reports ride them.
  const zDocuments = zDocumentsFor(db, repos);
  const printEmail = createPrintEmailService({
    db,
    settings: repos.settings,
    secrets,
    clock,
    documents: money.documents,
    payments: repos.payments,
    customers: repos.customers,
    stationId: () => repos.settings.get('counter.stationId') ?? 'C1',
    env: config.env ?? {},
    random: config.random ?? Math.random,
    subscribe: bus.subscribe,
    log,
    hostPrinter: config.hostPrinter,
    zDocuments,
  });
  const day = wireDay({
    db,
    repos,
    clock,
    terminalName: providers.terminalName,
    printEmail,
    documents: zDocuments,
    wakeSync: () => sync.wake(),
    audit: audit.trail.append,
    dayTotalSources: providers.dayTotalSources,
    providerTimeoutMs: config.dayProviderTimeoutMs,
    log,
  });
  providers.attach({ ledger: money.ledger, tracker: money.tracker });

  // The demo is on only while nothing real is configured: no back-office, no provider.
  demo.watchReal(() => connection.realConfigured() || providerSettings.configuredByShop().length > 0);
  demo.syncLetterhead();
  const providerSettingsApi = guardGoingLive(audit.providerSettings(providerSettings), {
    demoActive: demo.active,
    // With the demo off the demo back-office goes too: refused while its business is unfinished.
    assertMayLeaveDemo: () => {
      if (!demo.staysBesideReal) connection.assertMayMoveTo({ kind: 'none' });
    },
    leftDemo: () => {
      emitStatus();
      connection.connect().catch((error: unknown) => log('switching off the demo back-office failed', error));
      demo.dropFakes();
    },
  });

  const handlers = createHandlers({
    connection,
    customers: repos.customers,
    invoices: repos.invoices,
    payments: repos.payments,
    settings: repos.settings,
    outbox: repos.outbox,
    sync,
    registry,
    orchestrator: money.orchestrator,
    clock,
    toDto: money.toDto,
    systemStatus: status,
    renderReceipt: (paymentId, language) => money.documents.renderPaymentReceipt(paymentId, language),
    refunds: money.refundService,
    voids: money.voidService,
    assignUnmatched: createUnmatchedAssigner({
      db,
      unmatched: repos.unmatched,
      recordTaken: money.recorder.recordTaken,
      ledger: money.ledger,
      audit: audit.trail.append,
    }),
    ledger: money.ledger,
    unmatched: repos.unmatched,
    providerSettings: providerSettingsApi,
    terminalDiscovery: { discover: providers.discoverTerminals, setConnection: providers.setTerminalConnection },
    onApplied: money.onApplied,
    onUnmatchedChanged: emitUnmatched,
    checkPayment: (paymentId) => money.tracker.checkOnce(paymentId),
    db,
    printEmail,
    shopLanguage: () => 'nl',
    audited: audit.trail.audited,
    auditTrail: audit.trail,
    people: people.people,
    userAdmin: people.userAdmin,
    day,
    ...recon.handlerDeps,
  });

  return {
    dispatch: createDispatch(handlers, log, people.people.authorize),
    people: { service: people.people, users: people.users },
    subscribe: bus.subscribe,
    sync,
    printEmail,
    webhookPort: () => webhookServer?.port ?? null,
    /** The providers' background asks have finished (tests: assert what was asked without sleeping). */
    providersIdle: () => providers.idle(),
    async start() {
      emitStatus();
      // Demo: fakes of the providers the shop has not configured (MobilePay, Pay. with KASSA_DEMO_PAYNL=1).
      const fakes = demo.fakesToStart((providerId) => providerSettings.config(providerId) !== null);
      if (config.webhooks || fakes.some((fake) => fake.callsBack)) {
        // A demo fake calls back like its provider would, so the demo listens on a loopback port.
        webhookServer = await startWebhookServer({
          port: config.webhooks?.port ?? 0,
          host: config.webhooks?.host,
          routes: providers.callRoutes,
          log: (message) => log(message),
        });
      }
      const port = webhookServer?.port;
      for (const fake of fakes) await demo.startFake(fake, () => (port ? `http://127.0.0.1:${port}` : null));
      await registry.terminals().catch(() => []);
      await money.orchestrator.recover();
      money.refundService.resume();
      money.voidService.resume();
      await providers.start();
      emitStatus();
      await connection.connect();
      // First pull before the counter is used; offline, the counter works from what it has.
      await sync.runCycle();
      if (config.autoSync !== false) sync.start();
      printEmail.start();
      recon.start();
    },
    status,
    async close() {
      money.stop();
      recon.stop();
      await providers.close();
      await sync.stop();
      await printEmail.stop();
      await connection.close();
      await webhookServer?.close();
      await demo.close();
      db.close();
    },
  };
}
