import type { z } from 'zod';
import type { Contract, MethodName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type {
  AssignUnmatchedInput,
  CounterSettings,
  Invoice,
  PaymentDto,
  SyncItem,
  SystemStatus,
  TerminalDto,
} from '../../../shared/api/schemas';
import { isCaptured, isOpen } from '../../../shared/payment/states';
import { type Clock, localDate, startOfLocalDay } from '../clock';
import type { PaymentOrchestrator } from '../payments/orchestrator';
import type { Applied, PaymentLedger } from '../payments/payment-ledger';
import type { EcrSettings } from '../payments/paynl/ecr/ecr-settings';
import type { ProviderRegistry } from '../payments/provider-registry';
import type { ProviderSettingsService } from '../payments/provider-settings';
import type { RefundService } from '../payments/refund-service';
import type { VoidService } from '../payments/void-service';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { OutboxRepository, OutboxRow } from '../repositories/outbox';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { SettingsRepository } from '../repositories/settings';
import { toUnmatchedDto, type UnmatchedRepository } from '../repositories/unmatched';
import type { BackofficeConnection } from '../sync/backoffice-connection';
import type { SyncEngine } from '../sync/sync-engine';
import type { PrintEmailHandlers } from './handlers-print-email';

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<z.input<Contract[M]['output']>>;
};

export interface HandlerDeps {
  connection: BackofficeConnection;
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  payments: PaymentRepository;
  settings: SettingsRepository;
  outbox: OutboxRepository;
  sync: SyncEngine;
  registry: ProviderRegistry;
  orchestrator: PaymentOrchestrator;
  clock: Clock;
  toDto: (row: PaymentRow) => PaymentDto;
  systemStatus: () => SystemStatus;
  renderReceipt: (paymentId: string, language: 'nl' | 'en') => Promise<Buffer>;
  refunds: RefundService;
  voids: VoidService;
  assignUnmatched: (input: AssignUnmatchedInput) => PaymentRow;
  ledger: PaymentLedger;
  unmatched: UnmatchedRepository;
  providerSettings: ProviderSettingsService;
  ecrSettings: EcrSettings;
  onApplied: (applied: Applied) => void;
  onUnmatchedChanged: () => void;
  /** Asks the payment's provider once (throws when it cannot be reached). */
  checkPayment: (paymentId: string) => Promise<unknown>;
  /** Issue 11's handlers (handlers-print-email.ts), spread in until the domain map takes them. */
  printEmailHandlers: PrintEmailHandlers;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { customers, invoices, payments, settings, outbox, sync, registry, orchestrator, clock, toDto } = deps;

  const syncItems = (): SyncItem[] =>
    outbox.open().map((row: OutboxRow) => {
      const payment = payments.get(row.aggregateId);
      return {
        id: row.id,
        kind: row.kind,
        paymentId: row.aggregateId,
        reference: payment?.reference ?? null,
        customerName: payment?.customerName ?? null,
        amount: payment ? { minor: payment.amountMinor, currency: payment.currency } : null,
        state: row.state === 'held' ? 'held' : 'waiting',
        attempts: row.attempts,
        reason: row.state === 'held' ? row.heldReason : row.lastError,
        createdAt: row.createdAt,
        lastAttemptAt: row.lastAttemptAt,
        nextAttemptAt: row.nextAttemptAt,
      };
    });

  const counterSettings = (): CounterSettings => ({
    defaultTerminalId: settings.get('counter.defaultTerminal'),
    companyName: settings.get('company.name') ?? 'Kassa',
    stationId: settings.get('counter.stationId') ?? 'C1',
  });

  async function listTerminals(): Promise<TerminalDto[]> {
    const terminals = await registry.terminals();
    return terminals.map(
      (t): TerminalDto => ({
        id: t.id,
        name: t.name,
        provider: t.provider.id,
        kind: t.kind,
        online: t.online,
        // MobilePay takes one open request per phone number, not one per counter.
        busy: t.kind !== 'mobilepay' && payments.openOnTerminal(t.id) !== undefined,
        refunds: t.refunds,
        connection: t.connection ?? null,
      }),
    );
  }

  const paymentOr404 = (paymentId: string): PaymentRow => {
    const row = payments.get(paymentId);
    if (!row) throw new ApiError('not_found', 'payment not found', { paymentId });
    return row;
  };

  return {
    ...deps.printEmailHandlers,
    async 'system.status'() {
      return deps.systemStatus();
    },

    async 'customers.search'({ query }) {
      return customers.search(query);
    },

    async 'customers.card'({ customerId }) {
      const customer = customers.get(customerId);
      if (!customer) throw new ApiError('not_found', 'customer not found', { customerId });
      const totals = invoices.totals(customerId, localDate(clock.now()));
      return {
        ...customer,
        openInvoiceCount: totals.count,
        outstandingMinor: totals.outstanding,
        overdueMinor: totals.overdue,
        creditMinor: outbox.heldCreditFor(customerId),
        recentPayments: payments.recentForCustomer(customerId, 8).map(toDto),
      };
    },

    async 'invoices.open'({ customerId }) {
      const today = localDate(clock.now());
      return invoices.openForCustomer(customerId).map(
        (inv): Invoice => ({
          id: inv.id,
          number: inv.number,
          issueDate: inv.issueDate,
          dueDate: inv.dueDate,
          amountMinor: inv.amountMinor,
          outstandingMinor: inv.outstandingMinor,
          currency: inv.currency,
          overdue: inv.dueDate < today,
        }),
      );
    },

    async 'terminals.discover'() {
      return deps.ecrSettings.discover();
    },

    async 'terminals.setConnection'({ terminalId, connection }) {
      deps.ecrSettings.setMode(terminalId, connection);
      return listTerminals();
    },

    'terminals.list': () => listTerminals(),

    async 'counter.settings'() {
      return counterSettings();
    },

    async 'counter.setDefaultTerminal'({ terminalId }) {
      if (!(await registry.terminal(terminalId)))
        throw new ApiError('terminal_unknown', 'unknown terminal', { terminalId });
      settings.set('counter.defaultTerminal', terminalId);
      return counterSettings();
    },

    'payments.start': (input) => orchestrator.start(input),
    'payments.cancel': ({ paymentId }) => orchestrator.cancel(paymentId),

    async 'payments.refund'(input) {
      return toDto(await deps.refunds.refund(input));
    },

    async 'payments.keep'({ paymentId }) {
      const payment = paymentOr404(paymentId);
      if (payment.status !== 'paid_after_cancel') {
        throw new ApiError('cannot_keep', 'only a payment taken after cancel can be kept', { status: payment.status });
      }
      const applied = deps.ledger.apply(paymentId, { type: 'keep' }, { detail: { by: 'manager' } });
      deps.onApplied(applied);
      return toDto(applied.payment);
    },

    async 'payments.check'({ paymentId }) {
      paymentOr404(paymentId);
      // Unreachable again: the payment stays as it is and the tracker keeps asking.
      await deps.checkPayment(paymentId).catch(() => undefined);
      return toDto(paymentOr404(paymentId));
    },

    async 'payments.resolve'({ paymentId, outcome, note }) {
      const payment = paymentOr404(paymentId);
      // An open payment whose provider is no longer configured can never be asked about: a manager decides it too.
      const providerMissing = !registry.provider(payment.provider);
      const orphaned = providerMissing && isOpen(payment.status) && payment.status !== 'recorded';
      if (payment.status !== 'unknown' && !orphaned) {
        throw new ApiError('cannot_resolve', 'only a payment whose outcome is unknown is decided by hand', {
          status: payment.status,
        });
      }
      const applied = deps.ledger.resolveByHand(paymentId, outcome, note, providerMissing);
      deps.onApplied(applied);
      return toDto(applied.payment);
    },

    async 'payments.void'(input) {
      return toDto(await deps.voids.void(input));
    },

    async 'refunds.retry'({ refundId }) {
      return toDto(await deps.refunds.retry(refundId));
    },

    async 'refunds.decide'({ refundId, outcome, note }) {
      return toDto(deps.refunds.decide(refundId, outcome, note));
    },

    async 'payments.events'({ paymentId }) {
      paymentOr404(paymentId);
      return payments.events(paymentId);
    },

    async 'unmatched.list'() {
      return deps.unmatched.open().map(toUnmatchedDto);
    },

    async 'unmatched.assign'(input) {
      const settled = deps.assignUnmatched(input);
      deps.onUnmatchedChanged();
      deps.onApplied({
        transition: { kind: 'moved', state: settled },
        payment: settled,
      });
      return toDto(settled);
    },

    async 'providers.settings'() {
      return deps.providerSettings.view();
    },

    async 'providers.configurePayNl'(input) {
      return deps.providerSettings.configurePayNl(input);
    },

    async 'providers.configureVipps'(input) {
      return deps.providerSettings.configureVipps(input);
    },

    async 'payments.get'({ paymentId }) {
      return toDto(paymentOr404(paymentId));
    },

    async 'payments.active'() {
      return payments.open().map(toDto);
    },

    async 'payments.today'() {
      return payments.createdSince(startOfLocalDay(clock.now()).toISOString()).map(toDto);
    },

    async 'sync.items'() {
      return syncItems();
    },

    async 'sync.retry'({ id }) {
      if (!outbox.retry(id)) throw new ApiError('not_found', 'nothing to retry', { id });
      sync.wake();
      return syncItems();
    },

    async 'sync.now'() {
      await sync.runCycle(true);
      return deps.systemStatus();
    },

    async 'backoffice.settings'() {
      return deps.connection.current();
    },

    'backoffice.configure': (input) => deps.connection.configure(input),

    async 'receipts.pdf'({ paymentId, locale }) {
      const row = paymentOr404(paymentId);
      // A voided payment keeps its receipt, which says so.
      if (!isCaptured(row.status) && row.status !== 'voided')
        throw new ApiError('not_found', 'no receipt: the payment was not taken', { paymentId });
      const pdf = await deps.renderReceipt(paymentId, locale);
      return { fileName: `receipt-${row.reference}.pdf`, base64: pdf.toString('base64') };
    },
  };
}
