import type { CustomerHit } from '../../../shared/api/schemas';
import type { Db } from '../db/open-database';

export interface CustomerRow {
  id: string;
  number: string;
  name: string;
  city: string;
  email: string | null;
  phone: string | null;
  currency: string;
}

/** Lower-case, accents folded, so "Müller" is found by "muller". */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function createCustomerRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency)
     VALUES (@id, @number, @name, @searchName, @city, @email, @phone, @currency)`,
  );
  const byId = db.prepare<[string], CustomerRow>(
    'SELECT id, number, name, city, email, phone, currency FROM customers WHERE id = ?',
  );
  const hitColumns = `c.id, c.number, c.name, c.city, c.currency,
      (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.outstanding_minor > 0) AS openInvoiceCount,
      (SELECT coalesce(sum(i.outstanding_minor), 0) FROM invoices i WHERE i.customer_id = c.id AND i.outstanding_minor > 0) AS outstandingMinor`;
  const byInvoiceNumber = db.prepare<[string], Omit<CustomerHit, 'matchedInvoiceId'> & { invoiceId: string }>(
    `SELECT ${hitColumns}, inv.id AS invoiceId FROM invoices inv JOIN customers c ON c.id = inv.customer_id WHERE inv.number = ?`,
  );
  const byNumberOrName = db.prepare<
    [{ q: string; prefix: string; name: string }],
    Omit<CustomerHit, 'matchedInvoiceId'>
  >(
    `SELECT ${hitColumns} FROM customers c
     WHERE c.number = @q OR c.number LIKE @prefix ESCAPE '\\' OR c.search_name LIKE @name ESCAPE '\\'
     ORDER BY (c.number = @q) DESC, c.name LIMIT 25`,
  );

  const upsert = db.prepare(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency)
     VALUES (@id, @number, @name, @searchName, @city, @email, @phone, @currency)
     ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, search_name = excluded.search_name,
       city = excluded.city, email = excluded.email, phone = excluded.phone, currency = excluded.currency`,
  );

  return {
    insert(row: CustomerRow): void {
      insert.run({ ...row, searchName: searchKey(`${row.name} ${row.city}`) });
    },
    /** A customer as the back-office has it now. */
    upsert(row: CustomerRow): void {
      upsert.run({ ...row, searchName: searchKey(`${row.name} ${row.city}`) });
    },

    get(id: string): CustomerRow | undefined {
      return byId.get(id);
    },

    /** Name, customer number (prefix), or an exact invoice number as a barcode scanner types it. */
    search(query: string): CustomerHit[] {
      const q = query.trim();
      if (q === '') return [];
      const invoiceHit = byInvoiceNumber.get(q);
      if (invoiceHit) {
        const { invoiceId, ...hit } = invoiceHit;
        return [{ ...hit, matchedInvoiceId: invoiceId }];
      }
      const like = escapeLike(q);
      const nameLike = `%${escapeLike(searchKey(q))}%`;
      return byNumberOrName
        .all({ q, prefix: `${like}%`, name: nameLike })
        .map((hit) => ({ ...hit, matchedInvoiceId: null }));
    },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
