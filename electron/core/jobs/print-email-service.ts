import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { createEmailChannel, type EmailJobPayload } from '../email/email-channel';
import { mailDocumentLoader } from '../email/receipt-documents-for-mail';
import { createSmtpSettings } from '../email/smtp-settings';
import type { ReceiptDocuments } from '../receipts/receipt-documents';
import type { ReceiptLanguage } from '../receipts/receipt-language';
import type { CustomerRepository } from '../repositories/customers';
import type { PaymentRepository } from '../repositories/payments';
import type { SettingsRepository } from '../repositories/settings';
import type { SecretCipher } from '../secrets/secret-cipher';
import { createJobRepository, type JobRow } from './job-repository';
import { type Channel, createJobRunner } from './job-runner';

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
  /** Extra channels (the receipt printer, webhooks) plugged in by their modules. */
  channels?: { print?: Channel; webhook?: Channel };
  onChange?: () => void;
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
  const email = createEmailChannel({ smtp: smtp.config, loadDocument: mailDocumentLoader(deps.documents) });
  const runner = createJobRunner({
    jobs,
    clock,
    random: deps.random,
    channels: { email, ...deps.channels },
    onChange: deps.onChange,
  });
  const iso = () => clock.now().toISOString();

  /** The address a receipt goes to by default: one the cashier asked to remember, else the back-office's. */
  function customerEmail(customerId: string): string | null {
    return settings.get(REMEMBERED_EMAIL(customerId)) ?? deps.customers.get(customerId)?.email ?? null;
  }

  function enqueueEmail(payload: EmailJobPayload, purpose: string): JobRow {
    const job = jobs.enqueue(
      {
        kind: 'email',
        purpose,
        documentKind: payload.type === 'receipt' ? payload.documentKind : null,
        documentId: payload.type === 'receipt' ? payload.documentId : null,
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

  return {
    jobs,
    runner,
    smtp,
    customerEmail,
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
      );
    },
    sendTestEmail(to: string, language: ReceiptLanguage): JobRow {
      return enqueueEmail({ type: 'test', to, language }, 'test');
    },
    start: () => runner.start(),
    stop: () => runner.stop(),
  };
}

export type PrintEmailService = ReturnType<typeof createPrintEmailService>;
