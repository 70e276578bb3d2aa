import { expect, paymentStatus as status, test } from './fixtures';

/** Dollars as the counter shows them whatever the screen language: $1,234.56 */
const dollars = (minor: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

interface UsInvoice {
  id: string;
  number: string;
  outstandingMinor: number;
  currency: string;
}

/**
 * A US trade customer's invoices paid in dollars by the card PayTrace keeps on file (the demo's
 * wire-level PayTrace fake), then part of it given back by a manager once PayTrace settled the batch.
 */
test('charges a US customer’s card on file for invoices in dollars, then a manager refunds part of it', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoices = await api<UsInvoice[]>('invoices.open', { customerId: 'cust-us-1001' });
  const [first, second] = invoices;
  if (!first || !second) throw new Error('the US demo customer has no open invoices');
  expect(first.currency).toBe('USD');
  const total = first.outstandingMinor + second.outstandingMinor;

  await page.getByRole('searchbox', { name: 'Find customer or invoice' }).fill('Evergreen');
  await page.getByRole('button', { name: /^Evergreen Growers LLC/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evergreen Growers LLC' })).toBeVisible();
  const onFile = page.getByTestId('customer-on-file');
  await expect(onFile).toContainText('PayTrace customer KASSA-US-1001');
  await expect(onFile).toContainText('PayTrace card on file: Visa ••1111');
  await expect(page.getByRole('table', { name: 'Open invoices' })).toContainText(dollars(first.outstandingMinor));

  await page.getByRole('checkbox', { name: `Select invoice ${first.number}` }).check();
  await page.getByRole('checkbox', { name: `Select invoice ${second.number}` }).check();
  const amount = page.getByRole('textbox', { name: 'Amount to pay (USD)' });
  await expect(amount).toHaveValue(`${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`);
  await page.getByLabel('Terminal').selectOption({ label: 'Charge card on file — Visa ••1111' });
  await shot('40-paytrace-customer-card');

  await page.getByRole('button', { name: `Charge ${dollars(total)}…` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Charge without the customer present' });
  await expect(confirm).toContainText(`Charge ${dollars(total)} to Evergreen Growers LLC — Visa ••1111?`);
  await shot('41-paytrace-confirm');
  await confirm.getByRole('button', { name: `Charge ${dollars(total)}` }).click();

  await expect(status(page)).toHaveText('Approved');
  await expect(page.getByText('Charged on file: Visa ••1111')).toBeVisible();
  await shot('42-paytrace-approved');
  const paid = (await api<{ customerId: string; reference: string }[]>('payments.today', {})).find(
    (p) => p.customerId === 'cust-us-1001',
  );
  if (!paid) throw new Error('the PayTrace payment is not listed today');
  await page.getByRole('button', { name: 'Done' }).click();

  // Today's transactions total dollars apart from euros.
  await page.getByRole('button', { name: "Today's transactions" }).click();
  await expect(page.getByTestId('today-total-USD')).toContainText('$');
  await page.getByRole('button', { name: `Details of ${paid.reference}` }).click();
  const detail = page.getByRole('dialog', { name: `Payment ${paid.reference}` });

  // The demo's PayTrace batch closes every two seconds: the void finds it settled, a refund it is.
  await page.waitForTimeout(2_500);
  await detail.getByRole('button', { name: 'Void payment' }).click();
  await detail.getByRole('textbox', { name: 'Why (required)' }).fill('Customer returned part of the order');
  await detail.getByRole('button', { name: `Void ${dollars(total)}` }).click();
  await expect(detail.getByText('Too late to void: the day is settled. Refund the payment instead.')).toBeVisible();
  await expect(detail.getByRole('textbox', { name: 'Amount to refund' })).toBeVisible();

  const part = 500_00;
  await detail.getByRole('textbox', { name: 'Amount to refund' }).fill('500.00');
  await detail.getByRole('textbox', { name: 'Reason (on the statement)' }).fill('Returned pallets');
  await detail.getByRole('button', { name: `Refund ${dollars(part)}` }).click();
  await expect(detail.getByText(`Refund recorded: ${dollars(part)}.`)).toBeVisible();
  await expect(detail.getByText('Partly refunded')).toBeVisible();
  await shot('43-paytrace-refunded');
  await detail.getByRole('button', { name: 'Done' }).click();
});
