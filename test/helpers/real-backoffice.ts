import { join } from 'node:path';
import { type BackofficeServer, startBackofficeServer } from '../../backoffice/server';
import { openBackofficeStore } from '../../backoffice/store';
import { STATIONS } from './backoffice';
import { tempDir } from './test-engine';

/**
 * A "real" shop's back-office: the reference server on its own SQLite file, holding only a few
 * customers of its own (numbers 9000xx), so its change sequence stays far below the demo's.
 */
export async function startShopBackoffice(customers = 3): Promise<BackofficeServer> {
  const store = openBackofficeStore(join(tempDir('kassa-shop-bo-'), 'backoffice.sqlite'));
  const today = new Date().toISOString().slice(0, 10);
  const rows = Array.from({ length: customers }, (_, i) => ({
    id: `shop-${i + 1}`,
    number: `9000${String(i + 1).padStart(2, '0')}`,
    name: `Kwekerij Echt ${i + 1}`,
    city: 'Naaldwijk',
    email: null,
    phone: null,
    currency: 'EUR',
  }));
  store.seed(
    rows,
    rows.map((c, i) => ({
      id: `shop-inv-${i + 1}`,
      number: `77000000${String(i + 1).padStart(2, '0')}`,
      customerId: c.id,
      issueDate: today,
      dueDate: today,
      amountMinor: 12_300 + i * 100,
      outstandingMinor: 12_300 + i * 100,
      currency: 'EUR',
    })),
  );
  return startBackofficeServer({ store, stations: STATIONS, adminToken: 'admin-token-for-tests' });
}
