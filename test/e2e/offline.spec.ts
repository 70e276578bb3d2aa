import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { E2E_DATA_DIR } from '../../playwright.config';
import { type DemoInvoice, expect, openCustomer, test } from './fixtures';

interface BackofficeInfo {
  url: string;
  adminToken: string;
}

const backoffice = (): BackofficeInfo => JSON.parse(readFileSync(join(E2E_DATA_DIR, 'backoffice.json'), 'utf8'));

/** Cuts the counter's line to the embedded back-office (or restores it) through its admin API. */
async function setOffline(request: APIRequestContext, offline: boolean): Promise<void> {
  const { url, adminToken } = backoffice();
  const response = await request.put(`${url}/admin/faults`, {
    data: { rate: 0, kinds: [], offline },
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(response.ok()).toBe(true);
}

test('keeps taking payments offline and delivers them when the back-office is back', async ({
  counter: page,
  api,
  request,
  shot,
}) => {
  const indicator = page.getByRole('button', { name: /to sync/ });
  // Start from a delivered outbox: earlier specs' payments and refunds reach the back-office first.
  await expect(indicator).toHaveText(/Nothing waiting to sync/, { timeout: 15_000 });
  await setOffline(request, true);
  try {
    const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100020' });
    const [first, second] = invoices as [DemoInvoice, DemoInvoice];
    await openCustomer(page, '100020', 'Boomkwekerij Van Leeuwen Flora');
    const paid: string[] = [];
    for (const invoice of [first, second]) {
      await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
      await page.getByRole('button', { name: /^Pay / }).click();
      await expect(page.getByRole('status', { name: 'Payment status' })).toHaveText('Approved');
      await page.getByRole('button', { name: 'Done' }).click();
      paid.push(invoice.id);
    }
    await expect(indicator).toHaveText(/^Offline · 2 waiting to sync/);
    // Before the next charge the cashier is told that other counters cannot be checked.
    await expect(page.getByTestId('other-counters-unchecked')).toHaveText(/can’t check other counters/);
    await shot('20-offline-two-waiting');

    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Back-office sync' })).toBeVisible();
    // Two payments, two receipts (the print and mail queue below is another table).
    const backofficeRows = page.getByRole('table', { name: 'Back-office sync' }).getByRole('row');
    await expect(backofficeRows.filter({ hasText: 'Waiting' })).toHaveCount(4);
    await shot('21-sync-screen-waiting');

    await setOffline(request, false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText('Everything has been delivered to the back-office.')).toBeVisible();
    await expect(indicator).toHaveText(/^Online · Nothing waiting to sync/);
    await shot('22-back-online-delivered');

    const { url, adminToken } = backoffice();
    const atBackoffice = (await (
      await request.get(`${url}/admin/payments`, { headers: { Authorization: `Bearer ${adminToken}` } })
    ).json()) as { record: { allocations: { invoiceId: string }[] } }[];
    const allocated = atBackoffice.flatMap((p) => p.record.allocations.map((a) => a.invoiceId));
    for (const invoiceId of paid) expect(allocated.filter((id) => id === invoiceId)).toHaveLength(1);
  } finally {
    await setOffline(request, false);
  }
});

test('shows where the counter syncs to, and never shows the token', async ({ counter: page, shot }) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByText('Demo: the embedded demo back-office.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Station id of this counter' })).toHaveValue('C1');
  await expect(page.getByLabel('Access token')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Save and connect' })).toBeDisabled();
  await shot('23-settings');
});
