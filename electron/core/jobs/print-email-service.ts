import type { ServerEvent } from '../../../shared/api/events';
import type { PrintPageSize } from '../../../shared/host/print-protocol';
import { createAutomationRules } from '../automations/automation-rules';
import { type AutomationPayment, createAutomations } from '../automations/automations';
import { createWebhookChannel } from '../automations/webhook-channel';
import type { Clock } from '../clock';
import { withZReports, type ZDocuments, zEmailAttempt, zPrintAttempt } from '../day/z-report-jobs';
import type { Db } from '../db/open-database';
import { createEmailChannel, type EmailJobPayload } from '../email/email-channel';
import type { PaymentLinkMailPayload } from '../email/payment-link-mail';
import { mailDocumentLoader } from '../email/receipt-documents-for-mail';
import { createSmtpSettings } from '../email/smtp-settings';
import type { HostPrinter } from '../printing/host-printer';
import { createPrintChannel, type PrintJobPayload } from '../printing/print-channel';
import { createPrinterSettings, type PrinterConfig, type PrinterPurpose } from '../printing/printer-settings';
import { printerStatus } from '../printing/tcp-printer';
import type { ReceiptDocuments } from '../receipts/receipt-documents';
import { isReceiptLanguage, type ReceiptLanguage } from '../receipts/receipt-language';
import type { CustomerRepository } from '../repositories/customers';
import type { PaymentRepository } from '../repositories/payments';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import { createJobRepository, type JobRow } from './job-repository';
import { createJobRunner } from './job-runner';

export interface PrintEmailDeps {
  db: Db;
  settings: SettingsRepository;
  secrets: SecretCipher;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  random: () => number;
  documents: ReceiptDocuments;
  payments: PaymentRepository;
  customers: CustomerRepository;
  /** Who asked, until there are users: the station. */
  stationId: () => string;
  onChange?: () => void;
  /** The engine's event bus: payment changes drive the automations (no hook into the ledger needed). */
  subscribe?: (listener: (event: ServerEvent) => void) => () => void;
  log?: (message: string, error?: unknown) => void;
  /** The shop's own language: a customer's documents use it when the back-office gives none. Default Dutch. */
  shopLanguage?: () => ReceiptLanguage;
  /** The desktop app's printing, for `electron:` printers (the core under Electron only). */
  hostPrinter?: HostPrinter | null;
  /** The stored Z reports (day/z-report-jobs.ts): their print and e-mail jobs ride these channels. */
  zDocuments?: ZDocuments;
}

/** An `electron:` printer's paper and dialog choice travel with the job, as set when it was asked for. */
function electronOptions(printer: PrinterConfig): { pageSize?: PrintPageSize; silent?: boolean } {
  return printer.uri.startsWith('electron:')
    ? { pageSize: printer.pageSize ?? 'A4', silent: printer.silent ?? true }
    : {};
}

const REMEMBERED_EMAIL = (customerId: string) => `receipt.email.${customerId}`;

/**
 * Receipts leave the counter as durable jobs: e-mail now, the receipt printer and webhooks as
 * channels. Everything here records a job first; the runner sends it.
 */
export function createPrintEmailService(deps: PrintEmailDeps) {
  const { settings, clock } = deps;
  const jobs = createJobRepository(deps.db);
  const smtp = createSmtpSettings(deps);
  const printers = createPrinterSettings(deps);
  const email = createEmailChannel({ smtp: smtp.config, loadDocument: mailDocumentLoader(deps.documents) });
  // KASSA_LP_COMMAND: another `lp` (tests, or a wrapper that picks a print server).
  const print = createPrintChannel({
    documents: deps.documents,
    lpCommand: deps.env.KASSA_LP_COMMAND,
    hostPrinter: deps.hostPrinter,
  });
  const rules = createAutomationRules(deps);
  const webhook = createWebhookChannel({ secret: rules.signingSecret, clock });
  const runner = createJobRunner({
    jobs,
    clock,
    random: deps.random,
    channels: deps.zDocuments
      ? {
          email: withZReports(email, zEmailAttempt({ documents: deps.zDocuments, smtp: smtp.config })),
          print: withZReports(
            print,
            zPrintAttempt({
              documents: deps.zDocuments,
              lpCommand: deps.env.KASSA_LP_COMMAND,
              hostPrinter: deps.hostPrinter,
            }),
          ),
          webhook,
        }
      : { email, print, webhook },
    onChange: deps.onChange,
  });
  const iso = () => clock.now().toISOString();
  let unsubscribe: (() => void) | undefined;
  const paymentChanged = (payment: AutomationPayment) => automations.paymentChanged(payment);

  /** The address a receipt goes to by default: one the cashier asked to remember, else the back-office's. */
  function customerEmail(customerId: string): string | null {
    return settings.get(REMEMBERED_EMAIL(customerId)) ?? deps.customers.get(customerId)?.email ?? null;
  }

  /** The customer's language from the back-office when receipts speak it, else the shop's. */
  function customerLanguage(customerId: string): ReceiptLanguage {
    const language = deps.customers.get(customerId)?.language;
    return language && isReceiptLanguage(language) ? language : (deps.shopLanguage?.() ?? 'nl');
  }

  function enqueuePrint(target: string, payload: PrintJobPayload, purpose: string, messageId?: string): JobRow {
    const job = jobs.enqueue(
      {
        messageId,
        kind: 'print',
        purpose,
        documentKind: payload.type === 'receipt' ? 'payment' : null,
        documentId: payload.type === 'receipt' ? payload.paymentId : null,
        target,
        payload,
        requestedBy: deps.stationId(),
      },
      iso(),
    );
    deps.onChange?.();
    runner.wake();
    return job;
  }

  function enqueueEmail(payload: EmailJobPayload, purpose: string, messageId?: string): JobRow {
    const job = jobs.enqueue(
      {
        messageId,
        kind: 'email',
        purpose,
        documentKind:
          payload.type === 'receipt' ? payload.documentKind : payload.type === 'payment_link' ? 'payment' : null,
        documentId:
          payload.type === 'receipt' ? payload.documentId : payload.type === 'payment_link' ? payload.paymentId : null,
        target: payload.to,
        payload,
        requestedBy: deps.stationId(),
      },
      iso(),
    );
    deps.onChange?.();
    runner.wake();
    return job;
  }

  const service = {
    jobs,
    runner,
    rules,
    smtp,
    customerEmail,
    customerLanguage,
    /** The receipt PDF in any receipt language (what an e-mail attaches). */
    receiptPdf: (paymentId: string, language: ReceiptLanguage) =>
      deps.documents.renderPaymentReceipt(paymentId, language),
    emailReceipt(input: {
      paymentId: string;
      refundId?: string | null;
      to: string;
      language: ReceiptLanguage;
      /** The cashier asked to keep this address for the customer's next receipts. */
      remember?: boolean;
      purpose?: string;
      messageId?: string;
    }): JobRow {
      const payment = deps.payments.get(input.paymentId);
      if (!payment) throw new Error(`no payment ${input.paymentId}`);
      if (input.remember) settings.set(REMEMBERED_EMAIL(payment.customerId), input.to);
      const refund = input.refundId ?? null;
      return enqueueEmail(
        {
          type: 'receipt',
          to: input.to,
          language: input.language,
          documentKind: refund ? 'refund' : 'payment',
          documentId: refund ?? input.paymentId,
        },
        input.purpose ?? 'receipt',
        input.messageId,
      );
    },
    printers,
    /** Prints the frozen receipt on the receipt printer; every print after the first is marked "copy". */
    /** Prints the frozen receipt (or a refund's own document); every print after the first is marked "copy". */
    printReceipt(input: {
      paymentId: string;
      refundId?: string | null;
      language: ReceiptLanguage;
      purpose?: string;
      messageId?: string;
    }): JobRow {
      const printer = printers.get('receipt');
      if (!printer) throw new Error('no receipt printer is set up');
      if (!deps.payments.get(input.paymentId)) throw new Error(`no payment ${input.paymentId}`);
      const refundId = input.refundId ?? null;
      const copy = jobs
        .forDocument(input.paymentId)
        .some(
          (job) =>
            job.kind === 'print' &&
            !['failed', 'cancelled'].includes(job.status) &&
            ((JSON.parse(job.payload) as { refundId?: string | null }).refundId ?? null) === refundId,
        );
      const { width, codePage, openDrawer } = printer;
      const payload = {
        type: 'receipt',
        paymentId: input.paymentId,
        refundId,
        language: input.language,
        copy,
        width,
        codePage,
        // The drawer opens for money taken, once: not for a copy, not for a refund slip.
        openDrawer: openDrawer && !copy && !refundId,
        station: deps.stationId(),
        ...electronOptions(printer),
      } as const;
      const purpose = input.purpose ?? `${refundId ? 'refund' : 'receipt'}${copy ? '-copy' : ''}`;
      return enqueuePrint(printer.uri, payload, purpose, input.messageId);
    },
    printTestPage(purpose: PrinterPurpose): JobRow {
      const printer = printers.get(purpose);
      if (!printer) throw new Error(`no ${purpose} printer is set up`);
      return enqueuePrint(
        printer.uri,
        { type: 'test', codePage: printer.codePage, station: deps.stationId(), ...electronOptions(printer) },
        'test',
      );
    },
    /** The desktop app's printers (Settings offers them as `electron:<name>`); none in browser mode. */
    systemPrinters: () => deps.hostPrinter?.printers() ?? Promise.resolve([]),
    printerStatus(purpose: PrinterPurpose) {
      const printer = printers.get(purpose);
      return printer?.uri.startsWith('tcp://') ? printerStatus(printer.uri) : Promise.resolve(null);
    },
    /** A pay link to the customer (issue 14): the message's facts frozen into the job, committed before sending. */
    emailPaymentLink(payload: PaymentLinkMailPayload): JobRow {
      return enqueueEmail(payload, 'payment-link');
    },
    sendTestEmail(to: string, language: ReceiptLanguage): JobRow {
      return enqueueEmail({ type: 'test', to, language }, 'test');
    },
    start(): void {
      runner.start();
      unsubscribe = deps.subscribe?.((event) => {
        if (event.type !== 'payment.updated') return;
        const { payment } = event;
        // Rules are keyed per (rule, payment, event, refunded amount): an update seen twice queues nothing new.
        try {
          paymentChanged({ ...payment, amountMinor: payment.amount.minor, currency: payment.amount.currency });
        } catch (error) {
          // A rule that cannot queue its job must not disturb the other listeners of the bus.
          deps.log?.('an automation could not queue its job', error);
        }
      });
    },
    stop(): Promise<void> {
      unsubscribe?.();
      return runner.stop();
    },
  };
  const automations = createAutomations({
    db: deps.db,
    rules,
    jobs,
    clock,
    stationId: deps.stationId,
    customerEmail,
    language: customerLanguage,
    emailReceipt: service.emailReceipt,
    printReceipt: service.printReceipt,
    printerReady: () => printers.get('receipt') !== null,
    wake: () => runner.wake(),
  });
  return {
    ...service,
    /** A payment's change, committed: the rules in Settings may queue jobs for it. */
    paymentChanged,
  };
}

export type PrintEmailService = ReturnType<typeof createPrintEmailService>;
