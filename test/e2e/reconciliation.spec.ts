import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('a manager imports settlements, resolves an exception with a note and exports the day as CSV', async ({
  counter: page,
  shot,
}) => {
  await page.getByRole('button', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { name: 'Reconciliation', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported:/ })).toBeVisible({ timeout: 30_000 });
  const imports = page.getByRole('table').first();
  await expect(imports.getByRole('cell', { name: 'vipps' })).toBeVisible();

  // The demo's MobilePay ledger and Pay. clearings hold payments Kassa never saw, a fee out of range and a chargeback.
  const exceptions = page.locator('table.recon-exceptions');
  const unknown = exceptions.getByRole('row').filter({ hasText: 'MP-SHOWROOM-0412' });
  await expect(unknown).toContainText('Settled, unknown to Kassa');
  await expect(exceptions.getByRole('row').filter({ hasText: 'Fee out of range' })).toHaveCount(1);
  await expect(exceptions.getByRole('row').filter({ hasText: 'Chargeback' })).toHaveCount(1);
  await shot('reconciliation-exceptions');

  await unknown.getByRole('button', { name: /Resolve exception/ }).click();
  await page.getByLabel('Note (what was done)').fill('Taken on the showroom phone; booked by hand in the back-office.');
  await shot('reconciliation-resolve');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(exceptions.getByRole('row').filter({ hasText: 'MP-SHOWROOM-0412' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Show' }).selectOption('resolved');
  await expect(exceptions.getByRole('row').filter({ hasText: 'MP-SHOWROOM-0412' })).toContainText(
    'Taken on the showroom phone',
  );

  await page.getByLabel('Day', { exact: true }).fill(daysAgo(2));
  const report = page.getByRole('table', { name: 'Report', exact: true });
  await expect(report.getByRole('row').filter({ hasText: 'Total EUR' })).toContainText('€126.95');
  await shot('reconciliation-day-report');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`settlement-day-${daysAgo(2)}.csv`);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'provider,account,payout_id,settled_on,booked_on,type,tender,reference,payment_id,gross,fee,net,currency,matched,stated_net,payout_state,payout_net',
  );
  expect(csv).toContain('MP-SHOWROOM-0412');
  expect(csv).toContain('total,,,,,,,,,126.95,1.79,125.16,EUR,0/4');

  // The MobilePay payout spans two ledger days: its own report holds both.
  const payout = `po-${daysAgo(1).replaceAll('-', '')}`;
  await page.getByRole('button', { name: `Show payout ${payout}` }).click();
  await expect(page.getByRole('heading', { name: `Payout ${payout}` })).toBeVisible();
  await expect(report.getByRole('row').filter({ hasText: 'Total EUR' })).toContainText('€67.50');
  // MobilePay states the payout's amount (its scheduled-for-payout line): shown beside the lines' net, and they agree.
  const payouts = page.getByRole('table', { name: 'Payouts', exact: true });
  await expect(payouts.getByRole('columnheader', { name: 'Stated by provider' })).toBeVisible();
  await expect(payouts.getByRole('row').filter({ hasText: payout })).not.toContainText('differs');
  await shot('reconciliation-payout-report');
  await page.getByRole('button', { name: 'Back to the day' }).click();
  await expect(page.getByRole('heading', { name: 'Day report' })).toBeVisible();

  // What is normal: MobilePay's fee ceiling lowered to 1 %, so the 1.76 % fee on the showroom payment is flagged.
  const vippsForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save vipps' }) });
  await vippsForm.getByLabel('Highest normal fee (%)').fill('1,00');
  await vippsForm.getByRole('button', { name: 'Save vipps' }).click();
  await expect(vippsForm.getByRole('status')).toHaveText('Saved.');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('open');
  await expect(exceptions.getByRole('row').filter({ hasText: 'MP-SHOWROOM-0412' })).toContainText('Fee out of range');
  await shot('reconciliation-expectations');
});
