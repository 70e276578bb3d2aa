import type { Page } from '@playwright/test';
import { type DemoInvoice, euro, expect, openCustomer, test, typed } from './fixtures';

type Api = <T>(method: string, input: unknown) => Promise<T>;
interface Card {
  id: string;
  number: string;
  name: string;
  phone: string | null;
  openInvoiceCount: number;
}

// Choosing a terminal makes it the counter's default; give the other specs their sandbox terminal back.
test.afterEach(async ({ api }) => {
  await api('counter.setDefaultTerminal', { terminalId: 'sandbox-1' });
});

const status = (page: Page) => page.getByRole('status', { name: 'Payment status' });

/** Demo customers whose record has a Finnish (MobilePay) number, beyond those the other specs use. */
async function finnishCustomers(api: Api): Promise<Card[]> {
  const found: Card[] = [];
  for (let n = 24; n <= 120 && found.length < 4; n += 4) {
    const card = await api<Card>('customers.card', { customerId: `cust-${100_000 + n}` });
    if (card.phone?.startsWith('+358') && card.openInvoiceCount >= 2) found.push(card);
  }
  if (found.length < 4) throw new Error('demo data has too few Finnish customers');
  return found;
}

async function openAndTick(page: Page, api: Api, customer: Card): Promise<DemoInvoice> {
  const [invoice] = await api<DemoInvoice[]>('invoices.open', { customerId: customer.id });
  if (!invoice) throw new Error('no invoice');
  await openCustomer(page, customer.number, customer.name);
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  await page.getByRole('combobox', { name: 'Terminal' }).selectOption({ label: 'MobilePay' });
  return invoice;
}

test('sends a MobilePay request to the customer’s phone and watches it through to paid', async ({
  counter: page,
  api,
  shot,
}) => {
  const [customer] = await finnishCustomers(api);
  if (!customer) throw new Error('no customer');
  const invoice = await openAndTick(page, api, customer);
  const phone = page.getByRole('textbox', { name: 'Customer’s MobilePay number' });
  await expect(phone).toHaveValue(customer.phone ?? '');
  await shot('20-mobilepay-form');
  await page.getByRole('button', { name: `Send MobilePay request ${euro(invoice.outstandingMinor)}` }).click();
  await expect(status(page)).toHaveText('Waiting for the customer to approve on their phone.');
  await expect(page.getByText(/by MobilePay to \+358/)).toBeVisible();
  await shot('21-mobilepay-waiting');
  await expect(status(page)).toHaveText('Approved', { timeout: 15_000 });
  await shot('22-mobilepay-approved');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` })).toHaveCount(0);
});

test('a rejected request is shown plainly, and Try again resends the same invoices to the same phone', async ({
  counter: page,
  api,
  shot,
}) => {
  const [, customer] = await finnishCustomers(api);
  if (!customer) throw new Error('no customer');
  await openAndTick(page, api, customer);
  const phone = page.getByRole('textbox', { name: 'Customer’s MobilePay number' });
  // The demo customer rejects requests to numbers ending 1111.
  await phone.fill('+358 40 555 1111');
  await page.getByRole('button', { name: /^Send MobilePay request/ }).click();
  await expect(status(page)).toHaveText('Declined', { timeout: 15_000 });
  await expect(page.getByText('The customer rejected the request in MobilePay.')).toBeVisible();
  await shot('23-mobilepay-rejected');
  const first = await api<{ id: string; phone: string }[]>('payments.today', {});
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(status(page)).toHaveText(/Waiting for the customer|Declined/);
  await expect(status(page)).toHaveText('Declined', { timeout: 15_000 });
  const after = await api<{ id: string; phone: string; allocations: unknown[] }[]>('payments.today', {});
  expect(after.length).toBe(first.length + 1);
  expect(after[0]?.phone).toBe('358405551111');
  expect(after[0]?.allocations).toEqual(after[1]?.allocations);
  await page.getByRole('button', { name: 'Done' }).click();
});

test('cancels a request the customer has not answered', async ({ counter: page, api, shot }) => {
  const [, , customer] = await finnishCustomers(api);
  if (!customer) throw new Error('no customer');
  await openAndTick(page, api, customer);
  // Numbers ending 0000 never answer in the demo.
  await page.getByRole('textbox', { name: 'Customer’s MobilePay number' }).fill('+45 2000 0000');
  await page.getByRole('button', { name: /^Send MobilePay request/ }).click();
  await expect(status(page)).toHaveText('Waiting for the customer to approve on their phone.');
  await page.getByRole('button', { name: 'Cancel payment' }).click();
  await expect(status(page)).toHaveText('Cancelled');
  await shot('24-mobilepay-cancelled');
  await page.getByRole('button', { name: 'Done' }).click();
});

test('refuses a number MobilePay cannot reach before anything is sent', async ({ counter: page, api }) => {
  const [, , , customer] = await finnishCustomers(api);
  if (!customer) throw new Error('no customer');
  await openAndTick(page, api, customer);
  await page.getByRole('textbox', { name: 'Customer’s MobilePay number' }).fill('06 12345678');
  await page.getByRole('button', { name: /^Send MobilePay request/ }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'MobilePay needs a Danish (+45), Norwegian (+47) or Finnish (+358) number with country code.',
  );
});

test('a manager refunds part of a MobilePay payment from today’s transactions', async ({
  counter: page,
  api,
  shot,
}) => {
  const [, , , customer] = await finnishCustomers(api);
  if (!customer) throw new Error('no customer');
  const invoice = await openAndTick(page, api, customer);
  await page.getByRole('button', { name: /^Send MobilePay request/ }).click();
  await expect(status(page)).toHaveText('Approved', { timeout: 15_000 });
  const reference = (await api<{ reference: string }[]>('payments.today', {}))[0]?.reference ?? '';
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: "Today's transactions" }).click();
  await page.getByRole('button', { name: `Details of ${reference}` }).click();
  const dialog = page.getByRole('dialog', { name: `Payment ${reference}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Amount to refund' }).fill(typed(100));
  await dialog.getByRole('textbox', { name: 'Reason (on the statement)' }).fill('Broken pot');
  await dialog.getByRole('button', { name: `Refund ${euro(100)}` }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Refund recorded: ${euro(100)}.`);
  await expect(dialog.getByText('Partly refunded')).toBeVisible();
  await expect(dialog.getByText(/Refunded · Broken pot/)).toBeVisible();
  await shot('25-refund-dialog');
  await dialog.getByRole('button', { name: 'Done' }).click();
  expect(invoice.outstandingMinor).toBeGreaterThan(100);
});
