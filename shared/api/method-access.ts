import type { MethodName } from './contract';

/** Who may work at a counter: a cashier takes payments; a manager moves money back and decides; an owner configures. */
export const ROLES = ['cashier', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a call needs before the core runs it:
 * - `open`: nobody needs to be signed in (status, sign-in itself);
 * - `signed_in`: any signed-in person (cashier or better);
 * - `manager`: a signed-in manager or owner, or a manager's approval typed for this one action.
 * Every method is listed (the type makes a missing one a compile error), so a new method has to say.
 */
export type Access = 'open' | 'signed_in' | 'manager';

export const METHOD_ACCESS: Readonly<Record<MethodName, Access>> = {
  'system.status': 'open',
  'customers.search': 'signed_in',
  'customers.card': 'signed_in',
  'invoices.open': 'signed_in',
  'invoices.openRows': 'signed_in',
  'terminals.list': 'signed_in',
  'terminals.discover': 'manager',
  'terminals.setConnection': 'manager',
  'counter.settings': 'signed_in',
  // Picking the terminal in the payment form makes it the default: a cashier's everyday choice.
  'counter.setDefaultTerminal': 'signed_in',
  'payments.start': 'signed_in',
  'payments.cancel': 'signed_in',
  'payments.cancelStart': 'signed_in',
  'payments.get': 'signed_in',
  'payments.active': 'signed_in',
  'payments.today': 'signed_in',
  'payments.refund': 'manager',
  'payments.keep': 'manager',
  'payments.check': 'signed_in',
  'payments.resolve': 'manager',
  'refunds.retry': 'manager',
  'refunds.decide': 'manager',
  'payments.void': 'manager',
  'payments.events': 'signed_in',
  'unmatched.list': 'signed_in',
  'unmatched.assign': 'manager',
  'providers.settings.list': 'manager',
  'providers.settings.save': 'manager',
  'sync.items': 'signed_in',
  'sync.retry': 'signed_in',
  'sync.now': 'signed_in',
  'backoffice.settings': 'manager',
  'backoffice.configure': 'manager',
  'receipts.pdf': 'signed_in',
  'receipts.print': 'signed_in',
  'receipts.email': 'signed_in',
  'receipts.emailDefaults': 'signed_in',
  'receipts.search': 'signed_in',
  'receipts.history': 'signed_in',
  'jobs.list': 'signed_in',
  'jobs.retry': 'signed_in',
  'jobs.confirmSent': 'manager',
  'jobs.cancel': 'signed_in',
  'smtp.settings': 'manager',
  'smtp.configure': 'manager',
  'smtp.test': 'manager',
  // Read by the cashier's Print / e-mail dialog (is there a receipt printer?); changing it stays a manager's.
  'printers.settings': 'signed_in',
  'printers.configure': 'manager',
  'printers.test': 'manager',
  'printers.system': 'manager',
  'printers.status': 'signed_in',
  'automations.list': 'manager',
  'automations.save': 'manager',
  'automations.emailEveryReceipt': 'manager',
  'automations.webhookSecret': 'manager',
  // People (issue 12): signing in must work signed out; the users screen and the idle lock are a manager's.
  'people.list': 'open',
  'people.session': 'open',
  'people.signIn': 'open',
  'people.signOut': 'open',
  'people.lock': 'open',
  'people.enrol': 'open',
  'people.createOwner': 'open',
  'people.approve': 'signed_in',
  'people.users': 'manager',
  'people.create': 'manager',
  'people.resetPin': 'manager',
  'people.unlock': 'manager',
  'people.deactivate': 'manager',
  'people.setIdleLock': 'manager',
  'day.current': 'signed_in',
  'day.xReport': 'signed_in',
  'day.close': 'manager',
  'day.open': 'manager',
  'day.history': 'signed_in',
  'day.zReport': 'signed_in',
  'day.zPdf': 'signed_in',
  'day.printZ': 'signed_in',
  'day.emailZ': 'manager',
  'day.zJobs': 'signed_in',
  'paylinks.list': 'signed_in',
  'paylinks.email': 'signed_in',
};
