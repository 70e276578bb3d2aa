import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EventBus } from '../event-bus';
import { createLateWatchStore } from '../payments/late-approval-watch';
import { createPaymentOrchestrator } from '../payments/orchestrator';
import { toPaymentDto } from '../payments/payment-dto';
import { type Applied, createPaymentLedger } from '../payments/payment-ledger';
import { createPaymentTracker } from '../payments/payment-tracker';
import type { ProviderRegistry } from '../payments/provider-registry';
import { createAttemptRecorder } from '../payments/record-attempt';
import { createRefundService } from '../payments/refund-service';
import { createVoidService, type VoidService } from '../payments/void-service';
import { createReceiptDocuments } from '../receipts/receipt-documents';
import type { PaymentRow } from '../repositories/payments';
import type { BackofficeClient } from '../sync/backoffice-client';
import { createInvoiceHolds } from '../sync/invoice-holds';
import type { EngineConfig, EngineLog } from './engine-config';
import type { Repositories } from './open-repositories';

/** Statuses that put a message in the outbox: deliver it now, not at the next pull. */
const DELIVER_NOW = ['approved', 'partially_refunded', 'refunded', 'voided'];

/**
 * The money path: attempts, the ledger (the only place a payment changes state), status tracking,
 * refunds, voids and receipts, and what every committed change tells the screens and the sync.
 */
export function wirePayments(deps: {
  config: EngineConfig;
  db: Db;
  repos: Repositories;
  registry: ProviderRegistry;
  bus: EventBus;
  clock: Clock;
  log: EngineLog;
  /** A terminal's name as last listed, else as known without asking (offline, old payments). */
  terminalName: (id: string) => string;
  backofficeClient: () => BackofficeClient | null;
  wakeSync: () => void;
  /** The business day's gate on new payments (engine/wire-day.ts). */
  dayOpen?: () => boolean;
}) {
  const { db, repos, registry, bus, clock, log } = deps;
  const { customers, invoices, payments, outbox, settings, refunds, voids } = repos;
  let voidService: VoidService | null = null;
  const toDto = (row: PaymentRow) =>
    toPaymentDto(row, {
      payments,
      refunds,
      terminalName: deps.terminalName,
      refundKinds: (payment) => {
        const provider = registry.provider(payment.provider);
        // Not settled yet at a provider that voids until then (PayTrace): the screen offers the void.
        if (provider?.settledState?.(payment) === 'unsettled' && voidService?.voidable(payment)) return [];
        return provider?.capabilities.refunds ?? [];
      },
      idempotentRefunds: (payment) => registry.provider(payment.provider)?.capabilities.idempotentRefunds ?? false,
      providerConfigured: (payment) => registry.provider(payment.provider) !== undefined,
      voidable: (payment) => voidService?.voidable(payment) ?? false,
      voidStatus: (payment) => voids.latestForPayment(payment.id)?.status ?? null,
    });
  const emitPayment = (paymentId: string) => {
    const row = payments.get(paymentId);
    if (row) bus.emit({ type: 'payment.updated', payment: toDto(row) });
  };

  // Receipts are frozen when issued (approval, refund) and rendered only from what was frozen.
  const documents = createReceiptDocuments({ db, payments, refunds, customers, settings, outbox, toDto });

  const onApplied = (applied: Applied) => {
    if (applied.transition.kind !== 'moved') return;
    invoiceHolds.paymentEnded(applied);
    bus.emit({ type: 'payment.updated', payment: toDto(applied.payment) });
    if (applied.payment.status === 'approved' || applied.payment.status === 'voided') {
      bus.emit({ type: 'invoices.changed', customerId: applied.payment.customerId });
    }
    if (DELIVER_NOW.includes(applied.payment.status)) deps.wakeSync();
  };

  const stationId = () => settings.get('counter.stationId') ?? 'C1';
  const ledger = createPaymentLedger({ db, payments, invoices, outbox, refunds, voids, clock, stationId, documents });
  const invoiceHolds = createInvoiceHolds({ payments, ledger, client: deps.backofficeClient, log });
  const tracker = createPaymentTracker({ payments, ledger, registry, onApplied, lateWatch: createLateWatchStore(db) });
  const recorder = createAttemptRecorder({ db, customers, invoices, payments, clock, stationId });
  const orchestrator = createPaymentOrchestrator({
    payments,
    ledger,
    tracker,
    registry,
    recordAttempt: recorder.record,
    toDto,
    onApplied,
    holdInvoices: invoiceHolds.hold,
    dayOpen: deps.dayOpen,
    customerOf: (customerId) => {
      const customer = repos.customers.get(customerId);
      if (!customer) return null;
      const { id, name, email } = customer;
      // The back-office's ids for this customer at providers that keep customers (PayTrace's customer id).
      const providerCustomerIds = customer.providerCustomerIds ?? {};
      return { id, name, email, language: customer.language ?? null, providerCustomerIds };
    },
  });
  const refundService = createRefundService({
    db,
    payments,
    refunds,
    ledger,
    registry,
    clock,
    onApplied,
    onRefundChanged: emitPayment,
    voidInFlight: (paymentId) => voids.openForPayment(paymentId) !== undefined,
    pollIntervalMs: deps.config.providerPollMs?.paynl,
  });
  const voidsService = createVoidService({
    db,
    payments,
    refunds,
    voids,
    ledger,
    registry,
    clock,
    onApplied,
    onVoidChanged: emitPayment,
    pollIntervalMs: deps.config.pollIntervalMs,
  });
  voidService = voidsService;

  return {
    toDto,
    documents,
    onApplied,
    ledger,
    tracker,
    recorder,
    orchestrator,
    refundService,
    voidService: voidsService,
    /** A live event from a LAN terminal: show it now, not at the next poll. */
    wake(reference: string): void {
      const payment = payments.byReference(reference);
      if (payment) tracker.wake(payment.id);
    },
    stop(): void {
      tracker.stop();
      refundService.stop();
      voidsService.stop();
    },
  };
}

export type PaymentWiring = ReturnType<typeof wirePayments>;
