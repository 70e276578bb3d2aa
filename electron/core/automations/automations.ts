import type { PaymentStatus } from '../../../shared/payment/states';
import type { Db } from '../db/open-database';
import type { JobRepository } from '../jobs/job-repository';
import type { ReceiptLanguage } from '../receipts/receipt-language';
import type { AutomationEvent, AutomationRule, AutomationRules } from './automation-rules';

const EVENTS: Partial<Record<PaymentStatus, AutomationEvent>> = {
  approved: 'approved',
  partially_refunded: 'refunded',
  refunded: 'refunded',
  declined: 'failed',
  failed: 'failed',
  unknown: 'needs_manager',
  paid_after_cancel: 'needs_manager',
};

/** What a rule needs to know about a payment (a PaymentRow or the API's PaymentDto both give it). */
export interface AutomationPayment {
  id: string;
  status: PaymentStatus;
  customerId: string;
  reference: string;
  amountMinor: number;
  currency: string;
  refundedMinor: number;
}

export interface AutomationDeps {
  db: Db;
  rules: AutomationRules;
  jobs: JobRepository;
  clock: { now(): Date };
  stationId: () => string;
  customerEmail: (customerId: string) => string | null;
  /** The language of the customer's documents (the back-office's, else the shop's). */
  language: (customerId: string) => ReceiptLanguage;
  emailReceipt: (input: {
    paymentId: string;
    refundId: string | null;
    to: string;
    language: ReceiptLanguage;
    purpose: string;
    messageId: string;
  }) => unknown;
  printReceipt: (input: {
    paymentId: string;
    refundId: string | null;
    language: ReceiptLanguage;
    purpose: string;
    messageId: string;
  }) => unknown;
  printerReady: () => boolean;
  wake: () => void;
}

/**
 * Turns payment changes into jobs by the rules in Settings. Each (rule, payment, event) gives at
 * most one job, keyed by its Message-ID, so an event seen twice (recovery, a repeated status) does
 * not send twice.
 */
export function createAutomations(deps: AutomationDeps) {
  const latestRefund = deps.db.prepare<[string], { id: string }>(
    "SELECT id FROM receipt_documents WHERE payment_id = ? AND kind = 'refund' ORDER BY issued_at DESC LIMIT 1",
  );

  function run(rule: AutomationRule, event: AutomationEvent, payment: AutomationPayment): void {
    const key = `auto-${rule.id}-${payment.id}-${event}-${payment.refundedMinor}`;
    const messageId = `<${key}@kassa.invalid>`;
    const purpose = `automation:${event}`;
    const withDocument = event === 'approved' || event === 'refunded';
    const refundId = event === 'refunded' ? (latestRefund.get(payment.id)?.id ?? null) : null;
    if (rule.action === 'email_customer' || rule.action === 'email_manager') {
      const to = rule.action === 'email_customer' ? deps.customerEmail(payment.customerId) : rule.target;
      if (!to || !withDocument) return;
      deps.emailReceipt({
        paymentId: payment.id,
        refundId,
        to,
        language: deps.language(payment.customerId),
        purpose,
        messageId,
      });
    } else if (rule.action === 'print') {
      if (withDocument && deps.printerReady()) {
        deps.printReceipt({
          paymentId: payment.id,
          refundId,
          language: deps.language(payment.customerId),
          purpose,
          messageId,
        });
      }
    } else if (rule.target) {
      deps.jobs.enqueue(
        {
          kind: 'webhook',
          purpose,
          documentKind: 'payment',
          documentId: payment.id,
          target: rule.target,
          messageId: `msg_${key}`,
          requestedBy: deps.stationId(),
          payload: {
            type: `payment.${event}`,
            timestamp: deps.clock.now().toISOString(),
            data: {
              paymentId: payment.id,
              reference: payment.reference,
              status: payment.status,
              amount: { minor: payment.amountMinor, currency: payment.currency },
              refundedMinor: payment.refundedMinor,
              customerId: payment.customerId,
              station: deps.stationId(),
            },
          },
        },
        deps.clock.now().toISOString(),
      );
      deps.wake();
    }
  }

  return {
    paymentChanged(payment: AutomationPayment): void {
      const event = EVENTS[payment.status];
      if (!event) return;
      for (const rule of deps.rules.list()) if (rule.enabled && rule.event === event) run(rule, event, payment);
    },
  };
}
