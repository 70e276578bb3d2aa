import type { Db } from '../db/open-database';

export interface ReceiptSearch {
  customer?: string;
  /** Local calendar dates, inclusive. */
  from?: string;
  to?: string;
  amountMinor?: number;
  invoiceNumber?: string;
  reference?: string;
}

/** Money that was taken: these have a receipt to reprint or re-send. */
const WITH_RECEIPT = `('approved', 'partially_refunded', 'refunded', 'voided')`;

/**
 * Older payments for reprint and re-send, newest first: by customer (name or number), approval
 * date range, exact amount, invoice number or reference. At most `limit` rows.
 */
export function createReceiptSearch(db: Db) {
  return (query: ReceiptSearch, limit = 100): string[] => {
    const where: string[] = [`p.status IN ${WITH_RECEIPT}`];
    const params: Record<string, string | number> = { limit };
    if (query.customer) {
      where.push("(c.name LIKE @customer ESCAPE '\\' OR c.number LIKE @customer ESCAPE '\\')");
      params.customer = `%${escapeLike(query.customer)}%`;
    }
    // Dates compare on the approval time as frozen in the receipt (UTC ISO); the day runs to its end.
    if (query.from) {
      where.push('coalesce(d.issued_at, p.updated_at) >= @from');
      params.from = new Date(`${query.from}T00:00:00`).toISOString();
    }
    if (query.to) {
      where.push('coalesce(d.issued_at, p.updated_at) < @to');
      const end = new Date(`${query.to}T00:00:00`);
      end.setDate(end.getDate() + 1);
      params.to = end.toISOString();
    }
    if (query.amountMinor) {
      where.push('p.amount_minor = @amount');
      params.amount = query.amountMinor;
    }
    if (query.reference) {
      where.push("(p.reference LIKE @reference ESCAPE '\\' OR p.provider_ref LIKE @reference ESCAPE '\\')");
      params.reference = `%${escapeLike(query.reference)}%`;
    }
    if (query.invoiceNumber) {
      where.push(`EXISTS (SELECT 1 FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
        WHERE a.payment_id = p.id AND i.number LIKE @invoice ESCAPE '\\')`);
      params.invoice = `%${escapeLike(query.invoiceNumber)}%`;
    }
    const rows = db
      .prepare<Record<string, string | number>, { id: string }>(
        `SELECT p.id FROM payments p JOIN customers c ON c.id = p.customer_id
         LEFT JOIN receipt_documents d ON d.id = p.id AND d.kind = 'payment'
         WHERE ${where.join(' AND ')}
         ORDER BY coalesce(d.issued_at, p.updated_at) DESC LIMIT @limit`,
      )
      .all(params);
    return rows.map((row) => row.id);
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
