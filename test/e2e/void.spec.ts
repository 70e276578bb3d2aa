import { type DemoInvoice, expect, paymentStatus as status, test, tickFirstInvoice } from './fixtures';

/** Same-day void, from the payment's details in Today's transactions. */
test('voids a payment the same day from its details, with a note; the invoice is open again', async ({
  counter: page,
  api,
  shot,
}) => {
  const customer = await api<{ name: string }>('customers.card', { customerId: 'cust-100024' });
  const invoice = await tickFirstInvoice(page, api, '100024', customer.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Done' }).click();
  const today = await api<{ customerId: string; reference: string }[]>('payments.today', {});
  const paid = today.find((p) => p.customerId === 'cust-100024');
  if (!paid) throw new Error('payment not listed today');

  await page.getByRole('button', { name: "Today's transactions" }).click();
  await page.getByRole('button', { name: `Details of ${paid.reference}` }).click();
  const detail = page.getByRole('dialog', { name: /^Payment KS/ });
  await detail.getByRole('button', { name: 'Void payment' }).click();
  const confirm = detail.getByRole('button', { name: /^Void €/ });
  await expect(confirm).toBeDisabled();
  await detail.getByRole('textbox', { name: 'Why (required)' }).fill('Customer paid twice by mistake');
  await confirm.click();
  await expect(detail.locator('.badge')).toHaveText('Voided');
  await expect(detail.getByRole('button', { name: 'Void payment' })).toHaveCount(0);
  await shot('17-voided');
  await detail.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table')).toContainText('Voided');
  const open = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100024' });
  expect(open.map((i) => i.id)).toContain(invoice.id);
});
