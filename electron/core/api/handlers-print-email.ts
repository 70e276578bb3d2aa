import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Contract } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { printEmailContract } from '../../../shared/api/print-email-schemas';
import type { PaymentDto } from '../../../shared/api/schemas';
import { type AuditedChange, withoutAudit } from '../audit/audit-trail';
import { settingChange } from '../audit/setting-change';
import { NO_SECRET } from '../automations/webhook-channel';
import type { Db } from '../db/open-database';
import type { JobRow } from '../jobs/job-repository';
import type { PrintEmailService } from '../jobs/print-email-service';
import { createReceiptSearch } from '../jobs/receipt-search';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';

type PrintEmailMethod = keyof typeof printEmailContract;
/** Typed from the contract alone (same shape as the domain map's HandlerMap), so wiring needs no other file. */
export type PrintEmailHandlers = {
  [M in PrintEmailMethod]: (input: z.output<Contract[M]['input']>) => Promise<z.input<Contract[M]['output']>>;
};

export interface PrintEmailHandlerDeps {
  db: Db;
  printEmail: PrintEmailService;
  payments: PaymentRepository;
  toDto: (row: PaymentRow) => PaymentDto;
  /** The shop's own language, the default for a customer's receipt until the back-office says otherwise. */
  shopLanguage: () => 'nl' | 'en';
  /** The audit trail (ADR 0016): each settings change and its row in one transaction. */
  audited?: AuditedChange;
}

const toJobDto = ({ payload: _payload, updatedAt: _updatedAt, ...job }: JobRow) => job;

/** Issue 11's API: print and e-mail receipts, the job queue, and the mail server and printer settings. */
export function createPrintEmailHandlers(deps: PrintEmailHandlerDeps): PrintEmailHandlers {
  // Capture only: the API map is built before the service is used (a domain factory calls nothing).
  const { payments } = deps;
  let searchQuery: ReturnType<typeof createReceiptSearch> | null = null;
  const search: ReturnType<typeof createReceiptSearch> = (...args) => {
    searchQuery ??= createReceiptSearch(deps.db);
    return searchQuery(...args);
  };
  const now = () => new Date().toISOString();
  const audited = deps.audited ?? withoutAudit;
  const rulesAudited = <T>(change: () => T): T =>
    audited((audit) => {
      const before = deps.printEmail.rules.list();
      const result = change();
      audit({
        action: 'settings.automations.save',
        subject: { kind: 'setting', id: 'automations' },
        before: { rules: before },
        after: { rules: deps.printEmail.rules.list() },
      });
      return result;
    });

  const takenPayment = (paymentId: string) => {
    const row = payments.get(paymentId);
    if (!row || !['approved', 'partially_refunded', 'refunded', 'voided'].includes(row.status)) {
      throw new ApiError('not_found', 'no receipt: the payment was not taken', { paymentId });
    }
    return row;
  };
  const job = (id: string, done: boolean) => {
    const row = deps.printEmail.jobs.get(id);
    if (!row) throw new ApiError('not_found', 'no such job', { id });
    if (!done) throw new ApiError('job_not_actionable', `the job is ${row.status}`, { status: row.status });
    deps.printEmail.runner.wake();
    return toJobDto(deps.printEmail.jobs.get(id) ?? row);
  };

  return {
    async 'receipts.print'({ paymentId, refundId, language }) {
      takenPayment(paymentId);
      if (!deps.printEmail.printers.get('receipt'))
        throw new ApiError('printer_not_set_up', 'no receipt printer is set up');
      return toJobDto(deps.printEmail.printReceipt({ paymentId, refundId, language }));
    },
    async 'receipts.email'(input) {
      takenPayment(input.paymentId);
      return toJobDto(deps.printEmail.emailReceipt(input));
    },
    async 'receipts.emailDefaults'({ paymentId }) {
      const row = takenPayment(paymentId);
      return {
        to: deps.printEmail.customerEmail(row.customerId),
        language: deps.printEmail.customerLanguage(row.customerId),
      };
    },
    async 'receipts.search'(query) {
      return search(query).flatMap((id) => {
        const row = payments.get(id);
        return row ? [{ payment: deps.toDto(row), jobs: deps.printEmail.jobs.forDocument(id).map(toJobDto) }] : [];
      });
    },
    async 'receipts.history'({ paymentId }) {
      return deps.printEmail.jobs.forDocument(paymentId).map(toJobDto);
    },
    async 'jobs.list'() {
      return deps.printEmail.jobs.open().map(toJobDto);
    },
    async 'jobs.retry'({ id }) {
      return job(id, deps.printEmail.jobs.retry(id, now()));
    },
    async 'jobs.confirmSent'({ id }) {
      return job(id, deps.printEmail.jobs.confirmSent(id, now()));
    },
    async 'jobs.cancel'({ id }) {
      return job(id, deps.printEmail.jobs.cancel(id, now()));
    },
    async 'smtp.settings'() {
      return deps.printEmail.smtp.view();
    },
    async 'smtp.configure'(input) {
      if (deps.printEmail.smtp.fromEnvironment()) {
        throw new ApiError('smtp_from_environment', 'the mail server is set by KASSA_SMTP_*');
      }
      audited((audit) => {
        const before = deps.printEmail.smtp.view();
        deps.printEmail.smtp.save(input);
        const after = deps.printEmail.smtp.view();
        const shown = ({ passwordSet: _set, fromEnvironment: _env, ...rest }: NonNullable<typeof before>) => rest;
        // The password only as set or not; a typed one (null keeps it, '' clears it) always counts as changed.
        const typed =
          input.password === null ? (before?.passwordSet ?? false) : input.password ? { typed: true } : false;
        audit(
          settingChange(
            'settings.smtp.save',
            { kind: 'setting', id: 'smtp' },
            before && { ...shown(before), password: before.passwordSet },
            after && { ...shown(after), password: typed },
            ['password'],
          ),
        );
      });
      return deps.printEmail.smtp.view();
    },
    async 'smtp.test'({ to }) {
      if (!deps.printEmail.smtp.config()) throw new ApiError('mail_not_set_up', 'no mail server is set up');
      return toJobDto(deps.printEmail.sendTestEmail(to, deps.shopLanguage()));
    },
    async 'printers.settings'() {
      return deps.printEmail.printers.all();
    },
    async 'printers.configure'({ purpose, printer }) {
      audited((audit) => {
        const before = deps.printEmail.printers.get(purpose);
        deps.printEmail.printers.set(purpose, printer);
        audit(
          settingChange(
            'settings.printer.save',
            { kind: 'printer', id: purpose },
            before ?? {},
            deps.printEmail.printers.get(purpose) ?? {},
          ),
        );
      });
      return deps.printEmail.printers.all();
    },
    async 'printers.test'({ purpose }) {
      if (!deps.printEmail.printers.get(purpose))
        throw new ApiError('printer_not_set_up', `no ${purpose} printer is set up`);
      return toJobDto(deps.printEmail.printTestPage(purpose));
    },
    async 'printers.system'() {
      return deps.printEmail.systemPrinters();
    },
    async 'printers.status'({ purpose }) {
      return deps.printEmail.printerStatus(purpose);
    },
    async 'automations.list'() {
      return deps.printEmail.rules.list();
    },
    async 'automations.save'({ rules }) {
      return rulesAudited(() =>
        deps.printEmail.rules.save(rules.map((rule) => ({ ...rule, id: rule.id ?? randomUUID() }))),
      );
    },
    async 'automations.emailEveryReceipt'() {
      return rulesAudited(() => deps.printEmail.rules.emailEveryReceipt());
    },
    async 'automations.webhookSecretStatus'() {
      return deps.printEmail.rules.webhookSecretStatus();
    },
    /**
     * The only answer that carries the secret: to the manager who rotated it, once. Audited, never the
     * value. Webhooks waiting for a secret are due at once and the runner is woken after the commit,
     * so they go now rather than at their backed-off retry time (up to a minute).
     */
    async 'automations.rotateWebhookSecret'() {
      const rotated = audited((audit) => {
        const before = deps.printEmail.rules.webhookSecretStatus();
        const setAt = now();
        const secret = deps.printEmail.rules.rotateWebhookSecret(setAt);
        deps.printEmail.jobs.releaseWaiting('webhook', NO_SECRET, setAt);
        audit(
          settingChange(
            'settings.automations.webhook_secret_rotate',
            { kind: 'setting', id: 'automations.webhookSecret' },
            { webhookSecret: before.set },
            { webhookSecret: setAt },
            ['webhookSecret'],
          ),
        );
        return { secret, setAt };
      });
      deps.printEmail.runner.wake();
      return rotated;
    },
  };
}
