import { customerWithOpenInvoices, startInput, type TestEngine } from './test-engine';

/**
 * An amount just under `outstandingMinor` whose cents choose the sandbox terminal's outcome
 * (ADR 0005: ,05 declined … ,08 a slow card … ,09 a lost answer).
 */
export function sandboxAmount(outstandingMinor: number, cents: number): number {
  return Math.floor(outstandingMinor / 100) * 100 - 100 + cents;
}

/**
 * Starts a sandbox payment whose cents choose its outcome, for the first invoice over €2 of a demo
 * customer (the `skip`-th that has one open invoice).
 */
export async function startSandboxOutcome(t: TestEngine, cents: number, skip = 0) {
  const { customer, invoices } = await customerWithOpenInvoices(t, 1, skip);
  const invoice = invoices.find((i) => i.outstandingMinor > 200);
  if (!invoice) throw new Error('no invoice');
  const amount = sandboxAmount(invoice.outstandingMinor, cents);
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], amount));
  return { customer, invoice, amount, started };
}
