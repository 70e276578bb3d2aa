import type { CustomerHit, OnFile } from '../../../shared/api/schemas';
import type { Db } from '../db/open-database';

export interface CustomerRow {
  id: string;
  number: string;
  name: string;
  city: string;
  email: string | null;
  phone: string | null;
  currency: string;
  /** ISO 639-1 from the back-office; null or absent: the shop's language. */
  language?: string | null;
  /** The customer's id at providers that keep customers, by provider id; absent: none. */
  providerCustomerIds?: Record<string, string>;
  /** What providers keep on file for the customer (brand and last four at most); absent: nothing. */
  onFile?: OnFile[];
}

/** A stored row: the provider parts as the JSON columns of migration 0185. */
type StoredCustomer = Omit<CustomerRow, 'providerCustomerIds' | 'onFile'> & {
  providerCustomerIds: string | null;
  onFile: string | null;
};

/** The JSON columns for a row's provider parts; NULL when there is nothing. */
function providerJson(row: CustomerRow): { providerCustomerIds: string | null; onFile: string | null } {
  const ids = row.providerCustomerIds;
  // Only the fields the contract allows, whatever the object carried: brand and last four at most.
  const onFile = row.onFile?.map(({ provider, kind, brand, last4 }) => ({ provider, kind, brand, last4 }));
  return {
    providerCustomerIds: ids && Object.keys(ids).length > 0 ? JSON.stringify(ids) : null,
    onFile: onFile && onFile.length > 0 ? JSON.stringify(onFile) : null,
  };
}

function fromStored({ providerCustomerIds, onFile, ...row }: StoredCustomer): CustomerRow {
  return {
    ...row,
    providerCustomerIds: providerCustomerIds ? (JSON.parse(providerCustomerIds) as Record<string, string>) : {},
    onFile: onFile ? (JSON.parse(onFile) as OnFile[]) : [],
  };
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
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency, language,
       provider_customer_ids, on_file)
     VALUES (@id, @number, @name, @searchName, @city, @email, @phone, @currency, @language,
       @providerCustomerIds, @onFile)`,
  );
  const byId = db.prepare<[string], StoredCustomer>(
    `SELECT id, number, name, city, email, phone, currency, language,
       provider_customer_ids AS providerCustomerIds, on_file AS onFile FROM customers WHERE id = ?`,
  );
  // Totals in the customer's own currency only: an invoice in another currency is never summed in.
  const hitColumns = `c.id, c.number, c.name, c.city, c.currency,
      (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.id AND i.outstanding_minor > 0 AND i.currency = c.currency) AS openInvoiceCount,
      (SELECT coalesce(sum(i.outstanding_minor), 0) FROM invoices i
        WHERE i.customer_id = c.id AND i.outstanding_minor > 0 AND i.currency = c.currency) AS outstandingMinor`;
  const byInvoiceNumber = db.prepare<[string], Omit<CustomerHit, 'matchedInvoiceId'> & { invoiceId: string }>(
    `SELECT ${hitColumns}, inv.id AS invoiceId FROM invoices inv JOIN customers c ON c.id = inv.customer_id WHERE inv.number = ?`,
  );
  type Hit = Omit<CustomerHit, 'matchedInvoiceId'>;
  type Pick = { r: number; number: string; name: string; key: string };
  // Each path reads at most LIMIT entries of one index and stops; only the final list gets its totals.
  const pick = 'SELECT rowid AS r, number, name, search_name AS key FROM customers';
  const byNumberPrefix = db.prepare<[{ q: string; upper: string }], Pick>(
    `${pick} WHERE number >= @q AND number < @upper ORDER BY number LIMIT ${LIMIT}`,
  );
  const byNameStart = db.prepare<[{ key: string; upper: string }], Pick>(
    `${pick} WHERE search_name >= @key AND search_name < @upper ORDER BY search_name LIMIT ${LIMIT}`,
  );
  const byNameTrigram = db.prepare<[string], Pick>(
    `SELECT c.rowid AS r, c.number, c.name, c.search_name AS key FROM customers c
     WHERE c.rowid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ${LIMIT})`,
  );
  // One or two characters (too short for trigrams): the first matches of a scan.
  const byNameShort = db.prepare<[string], Pick>(`${pick} WHERE search_name LIKE ? ESCAPE '\\' LIMIT ${LIMIT}`);
  const hitByRowid = db.prepare<[number], Hit>(`SELECT ${hitColumns} FROM customers c WHERE c.rowid = ?`);

  const upsert = db.prepare(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency, language,
       provider_customer_ids, on_file)
     VALUES (@id, @number, @name, @searchName, @city, @email, @phone, @currency, @language,
       @providerCustomerIds, @onFile)
     ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, search_name = excluded.search_name,
       city = excluded.city, email = excluded.email, phone = excluded.phone, currency = excluded.currency,
       language = excluded.language, provider_customer_ids = excluded.provider_customer_ids,
       on_file = excluded.on_file`,
  );
  // The same, by position, for a pulled page (50,000 rows on a first pull): no object per row.
  const upsertByPosition = db.prepare<
    [
      string,
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      string,
      string | null,
      string | null,
      string | null,
    ]
  >(
    `INSERT INTO customers (id, number, name, search_name, city, email, phone, currency, language,
       provider_customer_ids, on_file)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, search_name = excluded.search_name,
       city = excluded.city, email = excluded.email, phone = excluded.phone, currency = excluded.currency,
       language = excluded.language, provider_customer_ids = excluded.provider_customer_ids,
       on_file = excluded.on_file`,
  );

  return {
    insert(row: CustomerRow): void {
      insert.run({
        ...row,
        ...providerJson(row),
        language: row.language ?? null,
        searchName: searchKey(`${row.name} ${row.city}`),
      });
    },
    /** A customer as the back-office has it now. */
    upsert(row: CustomerRow): void {
      upsert.run({
        ...row,
        ...providerJson(row),
        language: row.language ?? null,
        searchName: searchKey(`${row.name} ${row.city}`),
      });
    },

    /** A page of customers as the back-office has them now (call inside the page's transaction). */
    upsertPage(rows: readonly CustomerRow[]): void {
      for (const row of rows) {
        const providers = providerJson(row);
        upsertByPosition.run(
          row.id,
          row.number,
          row.name,
          searchKey(`${row.name} ${row.city}`),
          row.city,
          row.email,
          row.phone,
          row.currency,
          row.language ?? null,
          providers.providerCustomerIds,
          providers.onFile,
        );
      }
    },

    get(id: string): CustomerRow | undefined {
      const row = byId.get(id);
      return row ? fromStored(row) : undefined;
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
      const key = searchKey(q);
      if (key === '') return [];
      const byName =
        [...key].length >= 3
          ? byNameTrigram.all(`"${key.replace(/"/g, '""')}"`)
          : byNameShort.all(`%${escapeLike(key)}%`);
      const found = [
        ...byNumberPrefix.all({ q, upper: nextPrefix(q) }),
        ...byNameStart.all({ key, upper: nextPrefix(key) }),
        ...byName,
      ];
      // The exact number first, then numbers and names that start with the query, then names that
      // contain it; by name within each group; each customer once.
      const rank = (p: Pick) => (p.number === q ? 0 : p.number.startsWith(q) || p.key.startsWith(key) ? 1 : 2);
      const seen = new Set<number>();
      return found
        .filter((p) => !seen.has(p.r) && seen.add(p.r))
        .sort((a, b) => rank(a) - rank(b) || compareBinary(a.name, b.name))
        .slice(0, LIMIT)
        .flatMap((p) => {
          const hit = hitByRowid.get(p.r);
          return hit ? [{ ...hit, matchedInvoiceId: null }] : [];
        });
    },
  };
}

/** Results are capped: the counter shows a short list; a longer query narrows it. */
const LIMIT = 25;

/** The smallest string greater than every string starting with `prefix` (for an index range). */
function nextPrefix(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/** SQLite's BINARY collation (UTF-8 bytes) for the names of a merged list. */
function compareBinary(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
