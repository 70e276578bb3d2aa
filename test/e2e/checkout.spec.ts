import type { Page } from '@playwright/test';
import { startSmtpCatcher } from '../integration/print-email/smtp-catcher';
import { type Api, type DemoInvoice, euro, expect, mailTo, openCustomer, paymentStatus, test, typed } from './fixtures';

/**
 * Checkout.com pay links in the demo (issue 14): the wire-level fake makes the links and its
 * simulated payer pays each one a few seconds after it is made.
 */
interface Card {
  id: string;
  number: string;
  name: string;
  email: string | null;
  language?: string | null;
  openInvoiceCount: number;
}

interface Payment {
  id: string;
  reference: string;
  status: string;
  payLink?: { url: string; expiresAt: string | null; use: 'counter' | 'remote' } | null;
}

// Choosing a terminal makes it the counter's default; give the other specs their sandbox terminal back.
test.afterEach(async ({ api }) => {
  await api('counter.setDefaultTerminal', { terminalId: 'sandbox-1' });
});

/** Demo customers with an e-mail address and open invoices, beyond those the other specs use. */
async function customersWithEmail(api: Api, count: number): Promise<Card[]> {
  const found: Card[] = [];
  for (let n = 181; n <= 239 && found.length < count; n += 3) {
    const card = await api<Card>('customers.card', { customerId: `cust-${100_000 + n}` });
    if (card.email && card.openInvoiceCount >= 1) found.push(card);
  }
  if (found.length < count) throw new Error('demo data has too few customers with an e-mail address');
  return found;
}

async function openAndTick(page: Page, api: Api, customer: Card): Promise<DemoInvoice> {
  const [invoice] = await api<DemoInvoice[]>('invoices.open', { customerId: customer.id });
  if (!invoice) throw new Error('no invoice');
  await openCustomer(page, customer.number, customer.name);
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  await page.getByRole('combobox', { name: 'Terminal' }).selectOption({ label: 'Checkout.com link' });
  return invoice;
}

test('a QR of the link at the counter, paid on the customer’s phone, approved', async ({
  counter: page,
  api,
  shot,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const [customer] = await customersWithEmail(api, 1);
  if (!customer) throw new Error('no customer');
  const invoice = await openAndTick(page, api, customer);
  const amount = euro(invoice.outstandingMinor);
  await expect(page.getByRole('radio', { name: 'Show QR here' })).toBeChecked();
  await shot('60-checkout-form');
  await page.getByRole('button', { name: `Show QR for ${amount}` }).click();

  const panel = page.getByRole('dialog', { name: 'Pay by link' });
  await expect(panel.getByRole('img', { name: `QR code to pay ${amount}` })).toBeVisible();
  await expect(paymentStatus(page)).toHaveText('Waiting for the customer to pay…');
  const [payment] = await api<Payment[]>('payments.active', {});
  const url = payment?.payLink?.url ?? '';
  expect(payment?.payLink?.use).toBe('counter');
  await expect(panel.getByTestId('paylink-url')).toHaveText(url);
  await expect(panel.getByRole('timer', { name: 'Time left to pay' })).toHaveText(/^Expires in 1[45]:\d\d$/);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await expect(panel.getByText('Link copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  // A live payment is watched: no axe here (it would hold the page while the status is pushed).
  await shot('61-checkout-qr', { axe: false });

  await expect(paymentStatus(page)).toHaveText('Approved', { timeout: 30_000 });
  await shot('62-checkout-qr-approved');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` })).toHaveCount(0);
});

test('a link e-mailed to the customer frees the counter, and shows as paid in Links sent and Today once paid', async ({
  counter: page,
  api,
  shot,
}) => {
  const smtp = await startSmtpCatcher();
  try {
    await mailTo(api, smtp.port);
    const [, customer] = await customersWithEmail(api, 2);
    if (!customer) throw new Error('no customer');
    const invoice = await openAndTick(page, api, customer);
    const amount = euro(invoice.outstandingMinor);
    await page.getByRole('radio', { name: 'Send link' }).check();
    const to = page.getByRole('textbox', { name: "Customer's e-mail" });
    await expect(to).toHaveValue(customer.email ?? '');
    await to.fill('boekhouding@klant.test');
    await shot('63-checkout-send-link-form');
    await page.getByRole('button', { name: `Send link for ${amount}` }).click();

    // The counter is free at once: no panel, the next customer can be served.
    await expect(page.getByTestId('paylink-sent')).toHaveText(
      `Link for ${amount} e-mailed to boekhouding@klant.test. Follow it under Links sent.`,
    );
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect.poll(() => smtp.to('boekhouding@klant.test').length, { timeout: 15_000 }).toBe(1);
    const [mail] = smtp.to('boekhouding@klant.test');
    const [payment] = (await api<Payment[]>('payments.active', {})).filter((p) => p.payLink?.use === 'remote');
    expect(mail?.envelopeTo).toEqual(['boekhouding@klant.test']);
    expect(mail?.parsed.text).toContain(payment?.payLink?.url ?? 'no link');
    expect(mail?.parsed.text).toContain(invoice.number);
    expect(mail?.parsed.subject).toMatch(customer.language === 'nl' ? /^Betaallink voor / : /^Payment link for /);

    await page.getByRole('button', { name: /^Links sent/ }).click();
    const row = page.getByTestId(`paylink-row-${payment?.reference}`);
    await expect(row).toContainText(customer.name);
    await expect(row).toContainText(invoice.number);
    await expect(row).toContainText('sent to boekhouding@klant.test', { timeout: 10_000 });
    await expect(row).toContainText(/until \d/);
    await shot('64-checkout-links-sent', { axe: false });

    await expect(row).toContainText('Approved', { timeout: 30_000 });
    await shot('65-checkout-links-sent-paid');
    await page.getByRole('button', { name: "Today's transactions" }).click();
    await expect(page.getByRole('row', { name: new RegExp(payment?.reference ?? 'none') })).toContainText('Approved');
  } finally {
    await smtp.close();
  }
});

test('a manager refunds part of a Checkout.com payment from today’s transactions', async ({
  counter: page,
  api,
  shot,
}) => {
  const [, , customer] = await customersWithEmail(api, 3);
  if (!customer) throw new Error('no customer');
  const invoice = await openAndTick(page, api, customer);
  await page.getByRole('button', { name: `Show QR for ${euro(invoice.outstandingMinor)}` }).click();
  await expect(paymentStatus(page)).toHaveText('Approved', { timeout: 30_000 });
  const reference = (await api<Payment[]>('payments.today', {}))[0]?.reference ?? '';
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: "Today's transactions" }).click();
  await page.getByRole('button', { name: `Details of ${reference}` }).click();
  const dialog = page.getByRole('dialog', { name: `Payment ${reference}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Amount to refund' }).fill(typed(100));
  await dialog.getByRole('textbox', { name: 'Reason (on the statement)' }).fill('Wilted tulips');
  await dialog.getByRole('button', { name: `Refund ${euro(100)}` }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Refund recorded: ${euro(100)}.`);
  // Checkout.com refunds are asynchronous: final once the fake's payment_refunded arrives.
  await expect(dialog.getByText(/Refunded · Wilted tulips/)).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByText('Partly refunded')).toBeVisible();
  await shot('66-checkout-refund');
  await dialog.getByRole('button', { name: 'Done' }).click();
});
