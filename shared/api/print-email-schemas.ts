import { z } from 'zod';
import { Id, PaymentDto } from './schemas';

/** Issue 11: receipts printed and e-mailed as durable jobs, and the settings behind them. */
export const ReceiptLanguage = z.enum(['nl', 'en', 'de', 'da']);
const JobId = z.string().uuid();
const Email = z.string().trim().email().max(254);

export const JobDto = z.object({
  id: JobId,
  kind: z.enum(['print', 'email', 'webhook']),
  purpose: z.string(),
  documentKind: z.enum(['payment', 'refund']).nullable(),
  documentId: z.string().nullable(),
  target: z.string(),
  messageId: z.string(),
  status: z.enum(['waiting', 'sending', 'sent', 'uncertain', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type JobDto = z.infer<typeof JobDto>;

export const EmailReceiptInput = z
  .object({
    paymentId: Id,
    refundId: Id.nullable().optional(),
    to: Email,
    language: ReceiptLanguage,
    /** Keep this address for the customer's next receipts (only when the cashier says so). */
    remember: z.boolean().default(false),
  })
  .strict();

export const EmailDefaults = z.object({ to: z.string().nullable(), language: ReceiptLanguage });

export const ReceiptSearchInput = z
  .object({
    customer: z.string().trim().max(100).optional(),
    from: z.string().date().optional(),
    to: z.string().date().optional(),
    amountMinor: z.number().int().positive().optional(),
    invoiceNumber: z.string().trim().max(50).optional(),
    reference: z.string().trim().max(80).optional(),
  })
  .strict();
export type ReceiptSearchInput = z.infer<typeof ReceiptSearchInput>;

export const ReceiptHistoryRow = z.object({ payment: PaymentDto, jobs: z.array(JobDto) });

export const SmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export const SmtpSettingsDto = z
  .object({
    host: z.string(),
    port: z.number().int(),
    security: SmtpSecurity,
    user: z.string().nullable(),
    passwordSet: z.boolean(),
    from: z.string(),
    replyTo: z.string().nullable(),
    fromEnvironment: z.boolean(),
  })
  .nullable();
export const ConfigureSmtpInput = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65_535),
    security: SmtpSecurity,
    user: z.string().max(254).nullable(),
    /** null keeps the stored password; '' clears it. */
    password: z.string().max(1_000).nullable(),
    from: z.string().trim().min(3).max(254),
    replyTo: Email.nullable(),
  })
  .strict();

export const PrinterPurpose = z.enum(['receipt', 'card_slip', 'report']);
export const PrinterConfigDto = z.object({
  uri: z
    .string()
    .regex(
      /^(tcp:\/\/[^\s/]+(:\d+)?|system:.+|electron:.+)$/,
      'tcp://host:port, system:<printer name> or electron:<printer name>',
    ),
  width: z.union([z.literal(80), z.literal(58)]),
  codePage: z.enum(['cp858', 'cp1252']),
  openDrawer: z.boolean(),
  /** `electron:` printers (desktop app): without the print dialog, and on which paper. */
  silent: z.boolean().optional(),
  pageSize: z.enum(['A4', '80mm', '58mm']).optional(),
});
export const PrinterSettingsDto = z.record(
  PrinterPurpose,
  PrinterConfigDto.extend({ fromEnvironment: z.boolean() }).nullable(),
);
export const ConfigurePrinterInput = z
  .object({ purpose: PrinterPurpose, printer: PrinterConfigDto.nullable() })
  .strict();
export const PrinterStatusDto = z
  .object({
    online: z.boolean(),
    paper: z.enum(['ok', 'near_end', 'out']).nullable(),
    problem: z.enum(['cover_open', 'paper_out', 'error']).nullable(),
    error: z.string().nullable(),
  })
  .nullable();

export const AutomationRuleDto = z.object({
  id: z.string(),
  enabled: z.boolean(),
  event: z.enum(['approved', 'refunded', 'failed', 'needs_manager']),
  action: z.enum(['email_customer', 'email_manager', 'print', 'webhook']),
  /** The manager's address (email_manager) or the URL (webhook). */
  target: z.string().max(2_000).nullable(),
});
const SaveAutomationsInput = z
  .object({ rules: z.array(AutomationRuleDto.extend({ id: z.string().optional() })).max(50) })
  .strict()
  .superRefine(({ rules }, ctx) => {
    rules.forEach((rule, i) => {
      if (rule.action === 'webhook' && !/^https?:\/\//.test(rule.target ?? '')) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'target'], message: 'a webhook needs an http(s) URL' });
      }
      if (rule.action === 'email_manager' && !z.string().email().safeParse(rule.target).success) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'target'], message: 'an e-mail address is needed' });
      }
    });
  });

const JobRef = z.object({ id: JobId }).strict();
const NoInput = z.object({}).strict();

/** Spread into the contract: method name → input and output. */
export const printEmailContract = {
  'receipts.print': {
    input: z.object({ paymentId: Id, refundId: Id.nullable().optional(), language: ReceiptLanguage }).strict(),
    output: JobDto,
  },
  'receipts.email': { input: EmailReceiptInput, output: JobDto },
  'receipts.emailDefaults': { input: z.object({ paymentId: Id }).strict(), output: EmailDefaults },
  'receipts.search': { input: ReceiptSearchInput, output: z.array(ReceiptHistoryRow) },
  'receipts.history': { input: z.object({ paymentId: Id }).strict(), output: z.array(JobDto) },
  'jobs.list': { input: NoInput, output: z.array(JobDto) },
  'jobs.retry': { input: JobRef, output: JobDto },
  /** A manager's "it did arrive / print" for an uncertain job. */
  'jobs.confirmSent': { input: JobRef, output: JobDto },
  'jobs.cancel': { input: JobRef, output: JobDto },
  'smtp.settings': { input: NoInput, output: SmtpSettingsDto },
  'smtp.configure': { input: ConfigureSmtpInput, output: SmtpSettingsDto },
  'smtp.test': { input: z.object({ to: Email }).strict(), output: JobDto },
  'printers.settings': { input: NoInput, output: PrinterSettingsDto },
  'printers.configure': { input: ConfigurePrinterInput, output: PrinterSettingsDto },
  'printers.test': { input: z.object({ purpose: PrinterPurpose }).strict(), output: JobDto },
  /** The desktop app's printers (offered as `electron:<name>`); an empty list in browser mode. */
  'printers.system': {
    input: NoInput,
    output: z.array(z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() })),
  },
  'printers.status': { input: z.object({ purpose: PrinterPurpose }).strict(), output: PrinterStatusDto },
  'automations.list': { input: NoInput, output: z.array(AutomationRuleDto) },
  'automations.save': { input: SaveAutomationsInput, output: z.array(AutomationRuleDto) },
  /** The one click: e-mail every approved payment's receipt to the customer. */
  'automations.emailEveryReceipt': { input: NoInput, output: z.array(AutomationRuleDto) },
  /** Whether the webhook signing secret is set and since when; never the secret itself. */
  'automations.webhookSecretStatus': {
    input: NoInput,
    output: z.object({ set: z.boolean(), setAt: z.string().nullable() }).strict(),
  },
  /**
   * A new signing secret (Standard Webhooks, `whsec_…`) replaces the old one; the answer is the only
   * time it is shown. Receivers verify with the new one from then on.
   */
  'automations.rotateWebhookSecret': {
    input: NoInput,
    output: z.object({ secret: z.string(), setAt: z.string() }).strict(),
  },
} as const;
