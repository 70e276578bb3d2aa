import type { Page } from '@playwright/test';
import { type DemoInvoice, euro, expect, openCustomer, test, typed } from './fixtures';

type Api = <T>(method: string, input: unknown) => Promise<T>;
// Choosing a terminal makes it the counter's default; give the other specs their sandbox terminal back.
test.afterEach(async ({ api }) => {
  await api('counter.setDefaultTerminal', { terminalId: 'sandbox-1' });
});

const status = (page: Page) => page.getByRole('status', { name: 'Payment status' });
const TERMINAL = 'Pay.POS Toonbank 1 (fake Pay.)';

/** Opens a demo customer the other specs leave alone and ticks the oldest invoice. */
async function tick(page: Page, api: Api, number: string): Promise<DemoInvoice> {
  const card = await api<{ name: string }>('customers.card', { customerId: `cust-${number}` });
  const [invoice] = await api<DemoInvoice[]>('invoices.open', { customerId: `cust-${number}` });
  if (!invoice) throw new Error('no invoice');
  await openCustomer(page, number, card.name);
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  await page.getByRole('combobox', { name: 'Terminal' }).selectOption({ label: TERMINAL });
  return invoice;
}

test('pays on a Pay. terminal (the wire-level fake) and shows the card slip in the payment details', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoice = await tick(page, api, '100031');
  const amount = Math.max(1, Math.floor(invoice.outstandingMinor / 100) - 1) * 100 + 12;
  await page.getByRole('textbox', { name: /Amount to pay/ }).fill(typed(amount));
  await page.getByRole('button', { name: `Pay ${euro(amount)}` }).click();
  await expect(status(page)).toHaveText('Waiting for card — ask the customer to tap or insert the card.');
  await expect(status(page)).toHaveText('Approved', { timeout: 15_000 });
  await expect(page.getByText(/•••• \d{4}/)).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  const [payment] = await api<{ reference: string }[]>('payments.today', {});
  await page.getByRole('button', { name: "Today's transactions" }).click();
  await page.getByRole('button', { name: `Details of ${payment?.reference}` }).click();
  const slip = page.getByRole('region', { name: 'Card slip' });
  await expect(slip).toContainText('Kopie Kaarthouder');
  await expect(slip).toContainText(/Kaart: \*{12}\d{4}/);
  await shot('30-paynl-card-slip');
  await page.getByRole('button', { name: 'Done' }).click();
});

test('a cancelled payment that Pay. still takes is shown as paid after cancel, and refunded in one click', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoice = await tick(page, api, '100035');
  // ,10 on the demo Pay. terminal: the card goes through even after the abort.
  const amount = Math.max(1, Math.floor(invoice.outstandingMinor / 100) - 1) * 100 + 10;
  await page.getByRole('textbox', { name: /Amount to pay/ }).fill(typed(amount));
  await page.getByRole('button', { name: `Pay ${euro(amount)}` }).click();
  await expect(status(page)).toContainText('Waiting for card');
  await page.getByRole('button', { name: 'Cancel payment' }).click();
  await expect(status(page)).toHaveText('Cancelled');
  await expect(status(page)).toHaveText('Paid after cancel — the customer was charged.', { timeout: 15_000 });
  await expect(
    page.getByText('Refund the money, or keep it and allocate it to the invoices.', { exact: false }),
  ).toBeVisible();
  await shot('31-paid-after-cancel');
  await page.getByRole('button', { name: `Refund ${euro(amount)}` }).click();
  await expect(status(page)).toHaveText('Refunded');
  await shot('32-paid-after-cancel-refunded');
  await page.getByRole('button', { name: 'Done' }).click();
});

test('an outcome Pay. cannot tell stays unknown until a manager decides it, with a note', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoice = await tick(page, api, '100039');
  // ,11 on the demo Pay. terminal: the answer to the order is lost and the terminal never settles.
  const amount = Math.max(1, Math.floor(invoice.outstandingMinor / 100) - 1) * 100 + 11;
  await page.getByRole('textbox', { name: /Amount to pay/ }).fill(typed(amount));
  await page.getByRole('button', { name: `Pay ${euro(amount)}` }).click();
  await expect(status(page)).toHaveText(
    'Outcome unknown — checking with the terminal. Do not start the payment again.',
  );
  await page.getByRole('button', { name: 'Ask the provider again' }).click();
  await expect(status(page)).toContainText('Outcome unknown');
  const decide = page.getByRole('region', { name: 'Decide by hand' });
  await expect(decide.getByRole('button', { name: 'Not charged' })).toBeDisabled();
  await decide.getByRole('textbox', { name: 'What you checked (required)' }).fill('Terminal screen shows no payment');
  await shot('34-unknown-decide-by-hand');
  await decide.getByRole('button', { name: 'Not charged' }).click();
  await expect(status(page)).toHaveText('Failed');
  await expect(page.getByText('A manager established that nothing was charged.')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
});

test('Settings shows the Pay. and MobilePay set-up without ever showing a secret, and LAN terminals', async ({
  counter: page,
  shot,
}) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const pay = page.getByRole('form', { name: 'Pay. (card terminals)' });
  await expect(pay.getByText('Demo: the built-in fake of this provider', { exact: false })).toBeVisible();
  await expect(pay.getByRole('textbox', { name: 'Token code (AT-xxxx-xxxx)' })).toHaveValue('AT-1000-0001');
  // Secret fields are write-only: empty, with a note that one is stored.
  await expect(pay.getByLabel('API token')).toHaveValue('');
  await expect(pay.getByLabel('API token')).toHaveAttribute('placeholder', /stored/);
  const lan = pay.getByRole('region', { name: 'Pay.POS terminals on this network (PAY.ECR)' });
  await expect(lan.getByRole('combobox', { name: /Pay.POS Toonbank 1 \(fake Pay.\)/ })).toHaveValue('cloud');
  await expect(page.getByRole('form', { name: 'Vipps MobilePay' })).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain('fake0api0token0fake0api0token0fake00000');
  expect(html).not.toContain('fake-client-secret');
  await shot('33-provider-settings');
  await page.getByRole('button', { name: 'Counter', exact: true }).click();
});
