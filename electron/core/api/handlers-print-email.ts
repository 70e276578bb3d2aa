import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Contract } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { printEmailContract } from '../../../shared/api/print-email-schemas';
import type { PaymentDto } from '../../../shared/api/schemas';
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
}

const toJobDto = ({ payload: _payload, updatedAt: _updatedAt, ...job }: JobRow) => job;

/** Issue 11's API: print and e-mail receipts, the job queue, and the mail server and printer settings. */
export function createPrintEmailHandlers(deps: PrintEmailHandlerDeps): PrintEmailHandlers {
  const { printEmail, payments } = deps;
  const { jobs } = printEmail;
  const search = createReceiptSearch(deps.db);
  const now = () => new Date().toISOString();

  const takenPayment = (paymentId: string) => {
    const row = payments.get(paymentId);
    if (!row || !['approved', 'partially_refunded', 'refunded', 'voided'].includes(row.status)) {
      throw new ApiError('not_found', 'no receipt: the payment was not taken', { paymentId });
    }
    return row;
  };
  const job = (id: string, done: boolean) => {
    const row = jobs.get(id);
    if (!row) throw new ApiError('not_found', 'no such job', { id });
    if (!done) throw new ApiError('job_not_actionable', `the job is ${row.status}`, { status: row.status });
    printEmail.runner.wake();
    return toJobDto(jobs.get(id) ?? row);
  };

  return {
    async 'receipts.print'({ paymentId, refundId, language }) {
      takenPayment(paymentId);
      if (!printEmail.printers.get('receipt')) throw new ApiError('printer_not_set_up', 'no receipt printer is set up');
      return toJobDto(printEmail.printReceipt({ paymentId, refundId, language }));
    },
    async 'receipts.email'(input) {
      takenPayment(input.paymentId);
      return toJobDto(printEmail.emailReceipt(input));
    },
    async 'receipts.emailDefaults'({ paymentId }) {
      const row = takenPayment(paymentId);
      return { to: printEmail.customerEmail(row.customerId), language: printEmail.customerLanguage(row.customerId) };
    },
    async 'receipts.search'(query) {
      return search(query).flatMap((id) => {
        const row = payments.get(id);
        return row ? [{ payment: deps.toDto(row), jobs: jobs.forDocument(id).map(toJobDto) }] : [];
      });
    },
    async 'receipts.history'({ paymentId }) {
      return jobs.forDocument(paymentId).map(toJobDto);
    },
    async 'jobs.list'() {
      return jobs.open().map(toJobDto);
    },
    async 'jobs.retry'({ id }) {
      return job(id, jobs.retry(id, now()));
    },
    async 'jobs.confirmSent'({ id }) {
      return job(id, jobs.confirmSent(id, now()));
    },
    async 'jobs.cancel'({ id }) {
      return job(id, jobs.cancel(id, now()));
    },
    async 'smtp.settings'() {
      return printEmail.smtp.view();
    },
    async 'smtp.configure'(input) {
      if (printEmail.smtp.fromEnvironment()) {
        throw new ApiError('smtp_from_environment', 'the mail server is set by KASSA_SMTP_*');
      }
      printEmail.smtp.save(input);
      return printEmail.smtp.view();
    },
    async 'smtp.test'({ to }) {
      if (!printEmail.smtp.config()) throw new ApiError('mail_not_set_up', 'no mail server is set up');
      return toJobDto(printEmail.sendTestEmail(to, deps.shopLanguage()));
    },
    async 'printers.settings'() {
      return printEmail.printers.all();
    },
    async 'printers.configure'({ purpose, printer }) {
      printEmail.printers.set(purpose, printer);
      return printEmail.printers.all();
    },
    async 'printers.test'({ purpose }) {
      if (!printEmail.printers.get(purpose))
        throw new ApiError('printer_not_set_up', `no ${purpose} printer is set up`);
      return toJobDto(printEmail.printTestPage(purpose));
    },
    async 'printers.status'({ purpose }) {
      return printEmail.printerStatus(purpose);
    },
    async 'automations.list'() {
      return printEmail.rules.list();
    },
    async 'automations.save'({ rules }) {
      return printEmail.rules.save(rules.map((rule) => ({ ...rule, id: rule.id ?? randomUUID() })));
    },
    async 'automations.emailEveryReceipt'() {
      return printEmail.rules.emailEveryReceipt();
    },
    async 'automations.webhookSecret'() {
      return { secret: printEmail.rules.webhookSecret() };
    },
  };
}
