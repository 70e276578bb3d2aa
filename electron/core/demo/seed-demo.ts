import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { SettingsRepository } from '../repositories/settings';
import { type DemoData, generateDemoData } from './demo-data';

/** Loads the demo back-office's books into an empty store, once. */
export function seedDemoIfEmpty(
  db: Db,
  repos: { customers: CustomerRepository; invoices: InvoiceRepository; settings: SettingsRepository },
  options: { today: Date; customers?: number },
): boolean {
  if (repos.settings.get('demo.seeded') !== null) return false;
  const data: DemoData = generateDemoData({ customers: options.customers ?? 240, today: options.today });
  db.transaction(() => {
    for (const customer of data.customers) repos.customers.insert(customer);
    for (const invoice of data.invoices) repos.invoices.insert(invoice);
    repos.settings.set('demo.seeded', new Date().toISOString());
    repos.settings.set('company.name', 'Bloemenhandel De Kas B.V.');
    repos.settings.set('company.address', 'Legmeerdijk 313 · 1431 GB Aalsmeer');
    repos.settings.set('company.vat', 'NL000099998B57');
  }).immediate();
  return true;
}
