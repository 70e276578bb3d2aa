import type { Db } from '../db/open-database';

/**
 * Pay. -51: the card paid, but not the amount asked. The amount actually paid is kept with the
 * payment; if it is approved (a manager accepts it), that is the amount booked: the planned
 * allocations are refitted to it (oldest due first, as planned) and the payment's amount becomes
 * it, so invoices, the back-office message and later refunds all use the money really taken.
 */
export function createPaidAmounts(db: Db) {
  const record = db.prepare('UPDATE payments SET paid_minor = ? WHERE id = ?');
  const read = db.prepare<[string], { amountMinor: number; paidMinor: number | null }>(
    'SELECT amount_minor AS amountMinor, paid_minor AS paidMinor FROM payments WHERE id = ?',
  );
  const lines = db.prepare<[string], { invoiceId: string; amountMinor: number; outstandingMinor: number }>(
    `SELECT a.invoice_id AS invoiceId, a.amount_minor AS amountMinor, i.outstanding_minor AS outstandingMinor
     FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
     WHERE a.payment_id = ? AND a.applied = 0 ORDER BY i.due_date, i.issue_date, i.number`,
  );
  const resize = db.prepare(
    'UPDATE payment_allocations SET amount_minor = ?, remaining_minor = ? WHERE payment_id = ? AND invoice_id = ?',
  );
  const drop = db.prepare('DELETE FROM payment_allocations WHERE payment_id = ? AND invoice_id = ?');
  const setAmount = db.prepare('UPDATE payments SET amount_minor = ? WHERE id = ?');

  return {
    record(paymentId: string, paidMinor: number): void {
      if (Number.isSafeInteger(paidMinor) && paidMinor > 0) record.run(paidMinor, paymentId);
    },
    /**
     * Before settling: books the paid amount when it differs from the requested one. Returns the
     * requested and booked amounts when it changed anything (evidence), else null.
     */
    book(paymentId: string): { requestedMinor: number; bookedMinor: number } | null {
      const row = read.get(paymentId);
      if (!row?.paidMinor || row.paidMinor === row.amountMinor) return null;
      const planned = lines.all(paymentId);
      if (planned.length === 0) return null;
      const amounts = planned.map((line) => line.amountMinor);
      let rest = row.paidMinor;
      // Less than asked: the oldest invoices first get what was planned for them.
      for (let i = 0; i < amounts.length; i++) {
        const amount = Math.min(planned[i]?.amountMinor ?? 0, rest);
        amounts[i] = amount;
        rest -= amount;
      }
      // More than asked: the surplus goes to the same invoices up to what they owe; anything left
      // lands on the last one, which the back-office refuses as over-allocated (held for a manager).
      for (let i = 0; i < amounts.length && rest > 0; i++) {
        const room = Math.max(0, (planned[i]?.outstandingMinor ?? 0) - (amounts[i] ?? 0));
        const extra = Math.min(room, rest);
        amounts[i] = (amounts[i] ?? 0) + extra;
        rest -= extra;
      }
      if (rest > 0) amounts[amounts.length - 1] = (amounts.at(-1) ?? 0) + rest;
      planned.forEach((line, i) => {
        const amount = amounts[i] ?? 0;
        if (amount > 0) resize.run(amount, Math.max(0, line.outstandingMinor - amount), paymentId, line.invoiceId);
        else drop.run(paymentId, line.invoiceId);
      });
      setAmount.run(row.paidMinor, paymentId);
      return { requestedMinor: row.amountMinor, bookedMinor: row.paidMinor };
    },
  };
}
