import type { BoCustomer } from '../shared/backoffice/schemas';
import type { StoreDb } from './open-store-database';

/** A customers row as the reference back-office stores it; optional parts are NULL when absent. */
export interface CustomerDbRow {
  id: string;
  number: string;
  name: string;
  city: string;
  email: string | null;
  phone: string | null;
  currency: string;
  language: string | null;
  /** JSON object, provider id → the customer's id there. */
  provider_customer_ids: string | null;
  /** JSON array of what providers keep on file (brand and last four at most). */
  on_file: string | null;
  seq: number;
}

export const CUSTOMER_COLUMNS =
  'id, number, name, city, email, phone, currency, language, provider_customer_ids, on_file, seq';

/** Books written before customers had these columns get them on open, empty. */
export function addCustomerColumns(db: StoreDb): void {
  const columns = new Set((db.prepare('PRAGMA table_info(customers)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('language')) db.exec('ALTER TABLE customers ADD COLUMN language TEXT');
  if (!columns.has('provider_customer_ids')) db.exec('ALTER TABLE customers ADD COLUMN provider_customer_ids TEXT');
  if (!columns.has('on_file')) db.exec('ALTER TABLE customers ADD COLUMN on_file TEXT');
}

/** The record as the API sends it: absent parts are left out, never sent as null. */
export function toBoCustomer(row: CustomerDbRow): BoCustomer {
  const { language, provider_customer_ids, on_file, ...customer } = row;
  // Written by this store from typed records only (seed, setCustomerProviders): read back as they were.
  return {
    ...customer,
    ...(language ? { language } : {}),
    ...(provider_customer_ids
      ? { providerCustomerIds: JSON.parse(provider_customer_ids) as Record<string, string> }
      : {}),
    ...(on_file ? { onFile: JSON.parse(on_file) as NonNullable<BoCustomer['onFile']> } : {}),
  };
}

/** The JSON columns for what the providers know of a customer, NULL when there is nothing. */
export function providerColumns(
  customer: Pick<BoCustomer, 'providerCustomerIds' | 'onFile'>,
): [ids: string | null, onFile: string | null] {
  const ids = customer.providerCustomerIds;
  const onFile = customer.onFile;
  return [
    ids && Object.keys(ids).length > 0 ? JSON.stringify(ids) : null,
    onFile && onFile.length > 0 ? JSON.stringify(onFile) : null,
  ];
}
