export interface AllocatableInvoice {
  readonly id: string;
  readonly number: string;
  /** ISO date (YYYY-MM-DD). */
  readonly dueDate: string;
  readonly issueDate: string;
  readonly outstandingMinor: number;
}

export interface AllocationLine {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly amountMinor: number;
  /** What the invoice still owes after this payment. */
  readonly remainingMinor: number;
}

export type AllocationError =
  | { readonly code: 'amount_not_positive' }
  | { readonly code: 'no_invoices' }
  | { readonly code: 'invoice_already_paid'; readonly invoiceNumber: string }
  | { readonly code: 'amount_exceeds_outstanding'; readonly outstandingMinor: number }
  | { readonly code: 'split_unknown_invoice'; readonly invoiceId: string }
  | { readonly code: 'split_negative'; readonly invoiceNumber: string }
  | { readonly code: 'split_exceeds_invoice'; readonly invoiceNumber: string; readonly outstandingMinor: number }
  | { readonly code: 'split_does_not_match_amount'; readonly splitMinor: number; readonly amountMinor: number };

export type AllocationResult =
  | { readonly ok: true; readonly lines: readonly AllocationLine[] }
  | { readonly ok: false; readonly error: AllocationError };

/** Oldest due date first; ties broken by issue date, then invoice number, so the order is total. */
export function byOldestDue(a: AllocatableInvoice, b: AllocatableInvoice): number {
  return (
    compare(a.dueDate, b.dueDate) ||
    compare(a.issueDate, b.issueDate) ||
    compare(a.number, b.number) ||
    compare(a.id, b.id)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits a paid amount over invoices: the cashier's fixed amounts per invoice (the split) first,
 * the rest oldest-due-first. Pure and deterministic, exact in minor units, never above what an
 * invoice owes. The back-office is sent these lines as they are; it does not re-allocate.
 */
export function allocate(
  invoices: readonly AllocatableInvoice[],
  amountMinor: number,
  split: Readonly<Record<string, number>> = {},
): AllocationResult {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return fail({ code: 'amount_not_positive' });
  if (invoices.length === 0) return fail({ code: 'no_invoices' });
  const paid = invoices.find((inv) => inv.outstandingMinor <= 0);
  if (paid) return fail({ code: 'invoice_already_paid', invoiceNumber: paid.number });

  const total = invoices.reduce((sum, inv) => sum + inv.outstandingMinor, 0);
  if (amountMinor > total) return fail({ code: 'amount_exceeds_outstanding', outstandingMinor: total });

  const byId = new Map(invoices.map((inv) => [inv.id, inv]));
  let fixedTotal = 0;
  for (const [invoiceId, fixed] of Object.entries(split)) {
    const inv = byId.get(invoiceId);
    if (!inv) return fail({ code: 'split_unknown_invoice', invoiceId });
    if (!Number.isSafeInteger(fixed) || fixed < 0) return fail({ code: 'split_negative', invoiceNumber: inv.number });
    if (fixed > inv.outstandingMinor) {
      return fail({ code: 'split_exceeds_invoice', invoiceNumber: inv.number, outstandingMinor: inv.outstandingMinor });
    }
    fixedTotal += fixed;
  }
  if (fixedTotal > amountMinor) {
    return fail({ code: 'split_does_not_match_amount', splitMinor: fixedTotal, amountMinor });
  }

  const ordered = [...invoices].sort(byOldestDue);
  let rest = amountMinor - fixedTotal;
  const lines: AllocationLine[] = [];
  for (const inv of ordered) {
    const fixed = split[inv.id];
    let amount: number;
    if (fixed !== undefined) {
      amount = fixed;
    } else {
      amount = Math.min(inv.outstandingMinor, rest);
      rest -= amount;
    }
    if (amount > 0) {
      lines.push({
        invoiceId: inv.id,
        invoiceNumber: inv.number,
        amountMinor: amount,
        remainingMinor: inv.outstandingMinor - amount,
      });
    }
  }
  if (rest > 0) {
    // The fixed amounts left more than the other invoices owe.
    return fail({ code: 'split_does_not_match_amount', splitMinor: fixedTotal, amountMinor });
  }
  return { ok: true, lines };
}

function fail(error: AllocationError): AllocationResult {
  return { ok: false, error };
}
