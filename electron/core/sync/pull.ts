import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { InvoiceRepository } from '../repositories/invoices';
import type { SettingsRepository } from '../repositories/settings';
import { type BackofficeClient, SyncError } from './backoffice-client';

/** Pages fetched ahead of the writer at most (memory), and written together in one commit at most. */
const PAGES_AHEAD = 8;
const PAGES_PER_COMMIT = 8;

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
  /** The shop's users (issue 12: people/pull-users.ts), after customers and invoices. */
  pullUsers?: (client: BackofficeClient) => Promise<void>;
}): Promise<{ customers: number; invoices: number }> {
  const { db, client, customers, invoices, settings, pageSize } = deps;
  const counts = { customers: 0, invoices: 0 };
  type Page = Awaited<ReturnType<BackofficeClient['pullCustomers'] | BackofficeClient['pullInvoices']>>;
  const fetchPage = (resource: 'customers' | 'invoices', after: string): Promise<Page> =>
    resource === 'customers' ? client.pullCustomers(after, pageSize) : client.pullInvoices(after, pageSize);

  /**
   * Pages are fetched one after the other (each cursor comes from the page before) while the pages
   * already here are written: what arrived while a write ran is written together, in one transaction
   * with the cursor of its last page (fewer commits, and the back-office prepares the next page
   * meanwhile). Only a committed cursor counts: a failed write or a crash asks again from there.
   */
  async function pullResource(resource: 'customers' | 'invoices'): Promise<number> {
    const ready: Page[] = [];
    let fetched = false;
    let stopped = false;
    let failure: unknown = null;
    // Who waits for whom: the writer for a page, the fetcher for room ahead.
    const waiting: { writer: (() => void) | null; fetcher: (() => void) | null } = { writer: null, fetcher: null };
    const wake = (who: 'writer' | 'fetcher') => {
      const resume = waiting[who];
      waiting[who] = null;
      resume?.();
    };
    const sleep = (who: 'writer' | 'fetcher') =>
      new Promise<void>((resolve) => {
        waiting[who] = resolve;
      });
    const fetcher = (async () => {
      let after = settings.get(CURSOR_KEYS[resource]) ?? '0';
      try {
        while (!stopped) {
          while (ready.length >= PAGES_AHEAD && !stopped) await sleep('fetcher');
          if (stopped) break;
          const page = await fetchPage(resource, after);
          if (BigInt(page.nextCursor) < BigInt(after)) {
            // A back-office restored from an old backup, or a bug: never step back over changes we applied.
            throw new SyncError(
              'invalid_response',
              `the ${resource} cursor went backwards (${after} → ${page.nextCursor})`,
            );
          }
          ready.push(page);
          wake('writer');
          if (!page.hasMore || page.nextCursor === after) break;
          after = page.nextCursor;
        }
      } catch (error) {
        failure = error;
      } finally {
        fetched = true;
        wake('writer');
      }
    })();

    let written = 0;
    try {
      for (;;) {
        if (ready.length === 0) {
          if (fetched) break;
          await sleep('writer');
          continue;
        }
        const batch = ready.splice(0, PAGES_PER_COMMIT);
        wake('fetcher');
        const last = batch[batch.length - 1] as Page;
        db.transaction(() => {
          for (const page of batch) writePage(resource, page);
          settings.set(CURSOR_KEYS[resource], last.nextCursor);
        }).immediate();
        for (const page of batch) written += page.items.length;
      }
    } finally {
      stopped = true;
      wake('fetcher');
      await fetcher;
    }
    if (failure) throw failure;
    return written;
  }

  function writePage(resource: 'customers' | 'invoices', page: Page): void {
    if (resource === 'customers') {
      customers.upsertPage(page.items as Awaited<ReturnType<BackofficeClient['pullCustomers']>>['items']);
    } else {
      invoices.upsertRemotePage(page.items as Awaited<ReturnType<BackofficeClient['pullInvoices']>>['items']);
    }
  }

  for (const resource of ['customers', 'invoices'] as const) {
    counts[resource] = await pullResource(resource);
  }
  await deps.pullUsers?.(client);
  return counts;
}
