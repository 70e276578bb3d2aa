import type { Db } from '../../electron/core/db/open-database';
import type { CustomerRepository } from '../../electron/core/repositories/customers';
import type { InvoiceRepository } from '../../electron/core/repositories/invoices';
import type { SettingsRepository } from '../../electron/core/repositories/settings';
import { type DemoData, generateDemoData } from './demo-data';

/**
 * Loads the demo books straight into an empty local store, once: for benchmarks that measure the
 * store alone. The app itself gets them by pulling from the embedded demo back-office.
 */
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
  }).immediate();
  return true;
}
