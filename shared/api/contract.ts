import { z } from 'zod';
import { auditContract } from './audit-schemas';
import { dayContract } from './day-schemas';
import { paylinkContract } from './paylink-schemas';
import { peopleContract } from './people-schemas';
import { printEmailContract } from './print-email-schemas';
import { reconciliationContract } from './reconciliation-schemas';
import {
  AssignUnmatchedInput,
  BackofficeSettings,
  ConfigureBackofficeInput,
  CounterSettings,
  CustomerCard,
  CustomerHit,
  DecideRefundInput,
  DiscoveredTerminalDto,
  Id,
  Invoice,
  InvoiceTableRow,
  Locale,
  PaymentDto,
  PaymentEventDto,
  ProviderSettingsList,
  ReceiptFile,
  RefundInput,
  ResolvePaymentInput,
  SaveProviderSettingsInput,
  SetTerminalConnectionInput,
  StartPaymentInput,
  SyncItem,
  SystemStatus,
  TerminalDto,
  UnmatchedPaymentDto,
  VoidPaymentInput,
} from './schemas';

const NoInput = z.object({}).strict();

/**
 * The whole API between the renderer and the core: method name → input schema and output schema.
 * Both transports (Electron IPC and loopback HTTP) carry exactly these methods, and the core parses
 * every input with the schema before any handler runs.
 */
export const contract = {
  'system.status': { input: NoInput, output: SystemStatus },
  'customers.search': {
    input: z.object({ query: z.string().max(100) }).strict(),
    output: z.array(CustomerHit),
  },
  'customers.card': { input: z.object({ customerId: Id }).strict(), output: CustomerCard },
  'invoices.open': { input: z.object({ customerId: Id }).strict(), output: z.array(Invoice) },
  /** The same open invoices as compact rows, for the invoice table (see InvoiceTableRow). */
  'invoices.openRows': { input: z.object({ customerId: Id }).strict(), output: z.array(InvoiceTableRow) },
  'terminals.list': { input: NoInput, output: z.array(TerminalDto) },
  /** PAY.ECR: asks the shop network which PAY.POS terminals answer (UDP broadcast). */
  'terminals.discover': { input: NoInput, output: z.array(DiscoveredTerminalDto) },
  'terminals.setConnection': { input: SetTerminalConnectionInput, output: z.array(TerminalDto) },
  'counter.settings': { input: NoInput, output: CounterSettings },
  'counter.setDefaultTerminal': { input: z.object({ terminalId: Id }).strict(), output: CounterSettings },
  'payments.start': { input: StartPaymentInput.strict(), output: PaymentDto },
  'payments.cancel': { input: z.object({ paymentId: Id }).strict(), output: PaymentDto },
  /**
   * Cancel pressed while "Pay" is still on its way (the screen has no payment id yet): by the Pay's
   * request id. Null when the attempt was not recorded yet; it will then never be sent.
   */
  'payments.cancelStart': { input: z.object({ requestId: Id }).strict(), output: PaymentDto.nullable() },
  'payments.get': { input: z.object({ paymentId: Id }).strict(), output: PaymentDto },
  'payments.active': { input: NoInput, output: z.array(PaymentDto) },
  'payments.today': { input: NoInput, output: z.array(PaymentDto) },
  'payments.refund': { input: RefundInput, output: PaymentDto },
  /** paid_after_cancel: the manager keeps the money and it is allocated like any payment. */
  'payments.keep': { input: z.object({ paymentId: Id }).strict(), output: PaymentDto },
  /** Ask the provider once more now (unknown payments). */
  'payments.check': { input: z.object({ paymentId: Id }).strict(), output: PaymentDto },
  /** A manager's recorded decision on a payment whose outcome stays unknown. */
  'payments.resolve': { input: ResolvePaymentInput, output: PaymentDto },
  /** A refund whose answer was lost: send again under the same key (where the provider allows). */
  'refunds.retry': { input: z.object({ refundId: Id }).strict(), output: PaymentDto },
  /** A refund whose answer was lost: a manager's recorded decision after checking the provider. */
  'refunds.decide': { input: DecideRefundInput, output: PaymentDto },
  /** Same-day void of an approved payment: the invoices owe the money again. */
  'payments.void': { input: VoidPaymentInput, output: PaymentDto },
  'payments.events': { input: z.object({ paymentId: Id }).strict(), output: z.array(PaymentEventDto) },
  'unmatched.list': { input: NoInput, output: z.array(UnmatchedPaymentDto) },
  'unmatched.assign': { input: AssignUnmatchedInput, output: PaymentDto },
  /** Every registered provider's settings form: descriptors, non-secret values, which secrets are set. */
  'providers.settings.list': { input: NoInput, output: ProviderSettingsList },
  /** Saves one provider's settings, checked in the core against that provider's schema. */
  'providers.settings.save': { input: SaveProviderSettingsInput, output: ProviderSettingsList },
  'sync.items': { input: NoInput, output: z.array(SyncItem) },
  'sync.retry': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.array(SyncItem) },
  'sync.now': { input: NoInput, output: SystemStatus },
  'backoffice.settings': { input: NoInput, output: BackofficeSettings },
  'backoffice.configure': { input: ConfigureBackofficeInput, output: BackofficeSettings },
  'receipts.pdf': { input: z.object({ paymentId: Id, locale: Locale }).strict(), output: ReceiptFile },
  ...printEmailContract,
  ...auditContract,
  ...peopleContract,
  ...dayContract,
  ...paylinkContract,
  ...reconciliationContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
