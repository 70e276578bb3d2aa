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

  type Page = Awaited<ReturnType<BackofficeClient['pullCustomers'] | BackofficeClient['pullInvoices']>>;
  const fetchPage = (resource: 'customers' | 'invoices', after: string): Promise<Page> =>
    resource === 'customers' ? client.pullCustomers(after, pageSize) : client.pullInvoices(after, pageSize);

  for (const resource of ['customers', 'invoices'] as const) {
    let after = settings.get(CURSOR_KEYS[resource]) ?? '0';
    let pending = fetchPage(resource, after);
    for (;;) {
      const page = await pending;
      if (BigInt(page.nextCursor) < BigInt(after)) {
        // A back-office restored from an old backup, or a bug: never step back over changes we applied.
        throw new SyncError(
          'invalid_response',
          `the ${resource} cursor went backwards (${after} → ${page.nextCursor})`,
        );
      }
      const more = page.hasMore && page.nextCursor !== after;
      // Ask for the next page before writing this one: the back-office prepares it (and the answer
      // travels) while this page is written. Only the cursor committed with a page counts, so a
      // failed write or a crash leaves the early answer unused and the next pull asks again.
      if (more) {
        pending = fetchPage(resource, page.nextCursor);
        pending.catch(() => {}); // awaited on the next turn; a write failure below must not leave it unhandled
      }
      db.transaction(() => {
        if (resource === 'customers') {
          customers.upsertPage(page.items as Awaited<ReturnType<BackofficeClient['pullCustomers']>>['items']);
        } else {
          invoices.upsertRemotePage(page.items as Awaited<ReturnType<BackofficeClient['pullInvoices']>>['items']);
        }
        settings.set(CURSOR_KEYS[resource], page.nextCursor);
      }).immediate();
      counts[resource] += page.items.length;
      if (!more) break;
      after = page.nextCursor;
    }
  }
  return counts;
}
