import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { SettingsRepository } from '../repositories/settings';
import { type BackofficeClient, SyncError } from './backoffice-client';

export const CURSOR_KEYS = { customers: 'sync.cursor.customers', invoices: 'sync.cursor.invoices' } as const;

/**
 * Brings customers and invoices changed since the last pull into the local store, page by page,
 * each page and its cursor in one transaction, so a crash mid-pull resumes where it stopped. Pages
 * are as large as the back-office allows (1,000): fewer round trips and commits.
 */
export async function pullChanges(deps: {
  db: Db;
  client: BackofficeClient;
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  settings: SettingsRepository;
  pageSize: number;
}): Promise<{ customers: number; invoices: number }> {
  const { db, client, customers, invoices, settings, pageSize } = deps;
  const counts = { customers: 0, invoices: 0 };

  for (const resource of ['customers', 'invoices'] as const) {
    for (;;) {
      const after = settings.get(CURSOR_KEYS[resource]) ?? '0';
      const page =
        resource === 'customers'
          ? await client.pullCustomers(after, pageSize)
          : await client.pullInvoices(after, pageSize);
      if (BigInt(page.nextCursor) < BigInt(after)) {
        // A back-office restored from an old backup, or a bug: never step back over changes we applied.
        throw new SyncError(
          'invalid_response',
          `the ${resource} cursor went backwards (${after} → ${page.nextCursor})`,
        );
      }
      db.transaction(() => {
        if (resource === 'customers') {
          for (const c of page.items as Awaited<ReturnType<BackofficeClient['pullCustomers']>>['items']) {
            customers.upsert({
              id: c.id,
              number: c.number,
              name: c.name,
              city: c.city,
              email: c.email,
              phone: c.phone,
              currency: c.currency,
              language: c.language ?? null,
            });
          }
        } else {
          invoices.upsertRemotePage(page.items as Awaited<ReturnType<BackofficeClient['pullInvoices']>>['items']);
        }
        settings.set(CURSOR_KEYS[resource], page.nextCursor);
      }).immediate();
      counts[resource] += page.items.length;
      if (!page.hasMore || page.nextCursor === after) break;
    }
  }
  return counts;
}
