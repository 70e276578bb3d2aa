import type { Page } from '@playwright/test';
import {
  type DemoInvoice,
  euro,
  expect,
  openCustomer,
  paymentStatus as status,
  test,
  tickFirstInvoice,
  typed,
  withCents,
} from './fixtures';

/** The always-visible sync indicator in the header (its name is what it says). */
const syncIndicator = (page: Page) => page.getByRole('button', { name: /to sync/ });

/** Keeps every text the live status region shows, in order, however fast the terminal moves. */
async function recordStatusTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatus: string[] }).seenStatus = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[role="status"][aria-label="Payment status"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** A partial amount whose cents tell the sandbox terminal what to do (,05 decline … ,09 lost answer). */
async function typeAmountEndingIn(page: Page, invoice: DemoInvoice, cents: number): Promise<void> {
  await page.getByRole('textbox', { name: /Amount to pay/ }).fill(typed(withCents(invoice.outstandingMinor, cents)));
}

test('finds a customer by name and pays one invoice in full with the mouse', async ({ counter: page, api, shot }) => {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100004' });
  const first = invoices[0] as DemoInvoice;

  await page.getByRole('searchbox', { name: 'Find customer or invoice' }).fill('tuincentrum vis');
  const result = page.getByRole('button', { name: /^Tuincentrum Visser 100004/ });
  await expect(result).toBeVisible();
  await shot('01-search-results');
  await result.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tuincentrum Visser' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${first.number}` })).toBeVisible();
  await shot('02-customer-card');

  await page.getByRole('checkbox', { name: `Select invoice ${first.number}` }).check();
  await expect(page.getByRole('textbox', { name: /Amount to pay/ })).toHaveValue(typed(first.outstandingMinor));
  await recordStatusTexts(page);
  await page.getByRole('button', { name: `Pay ${euro(first.outstandingMinor)}` }).click();

  await expect(status(page)).toContainText('Waiting for card');
  await expect(page.getByRole('button', { name: 'Cancel payment' })).toBeEnabled();
  // The same panel's waiting state is checked by axe in 21-mobilepay-waiting; here every phase is watched.
  await shot('03-waiting-for-card', { axe: false });
  await expect(status(page)).toHaveText('Approved');
  const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus);
  expect(seen.map((text) => text.split(' ')[0])).toEqual(['Waiting', 'Customer', 'Processing', 'Approved']);
  await expect(page.getByText(/•••• \d{4}/)).toBeVisible();
  await shot('04-approved');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${first.number}` })).toHaveCount(0);
  // Delivered to the (embedded demo) back-office by itself.
  await expect(syncIndicator(page)).toHaveText(/^Online · Nothing waiting to sync/);
});

test('takes a payment by keyboard alone: scan an invoice, F9, Enter', async ({ counter: page, api, shot }) => {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100007' });
  const target = invoices[2] as DemoInvoice;

  // A barcode scanner types digits and Enter wherever the focus is: move it off the search box first.
  await expect(page.getByRole('searchbox', { name: 'Find customer or invoice' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('searchbox', { name: 'Find customer or invoice' })).not.toBeFocused();
  await page.keyboard.type(target.number);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Bloemenhandel Blom B.V.' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${target.number}` })).toBeChecked();
  await shot('05-scanned-invoice');

  await page.keyboard.press('F9');
  await expect(status(page)).toHaveText('Approved');
  await expect(page.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: `Select invoice ${target.number}` })).toHaveCount(0);
});

test('splits a partial amount over two invoices, oldest due first', async ({ counter: page, api, shot }) => {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100009' });
  const [older, newer] = invoices as [DemoInvoice, DemoInvoice];
  let amount = older.outstandingMinor + Math.floor(newer.outstandingMinor / 2);
  if (amount % 100 >= 5 && amount % 100 <= 9) amount += 10;
  const onNewer = amount - older.outstandingMinor;

  await openCustomer(page, '100009', 'Plantenkwekerij Vos V.O.F.');
  await page.getByRole('checkbox', { name: `Select invoice ${newer.number}` }).check();
  await page.getByRole('checkbox', { name: `Select invoice ${older.number}` }).check();
  await page.getByRole('textbox', { name: /Amount to pay/ }).fill(typed(amount));

  await expect(page.getByRole('textbox', { name: `Amount for invoice ${older.number}` })).toHaveValue(
    typed(older.outstandingMinor),
  );
  await expect(page.getByRole('textbox', { name: `Amount for invoice ${newer.number}` })).toHaveValue(typed(onNewer));
  await expect(page.getByText(`still owes ${euro(newer.outstandingMinor - onNewer)}`)).toBeVisible();
  await shot('06-partial-preview');

  await page.getByRole('button', { name: `Pay ${euro(amount)}` }).click();
  await expect(status(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${older.number}` })).toHaveCount(0);
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('checkbox', { name: `Select invoice ${newer.number}` }) });
  await expect(row).toContainText(euro(newer.outstandingMinor - onNewer));
  await shot('07-after-partial');
});

test('shows a declined card plainly and keeps the invoices ticked for another try', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoice = await tickFirstInvoice(page, api, '100011', 'Hoveniersbedrijf Schouten V.O.F.');
  await typeAmountEndingIn(page, invoice, 5);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Declined');
  await expect(page.getByText('The card was declined.')).toBeVisible();
  await shot('08-declined');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` })).toBeChecked();
  await expect(page.getByRole('button', { name: /^Pay / })).toBeEnabled();
});

test('cancels a payment while the terminal waits for the card', async ({ counter: page, api, shot }) => {
  const invoice = await tickFirstInvoice(page, api, '100012', 'Hoveniersbedrijf Brouwer Bloemen');
  await typeAmountEndingIn(page, invoice, 8);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toContainText('Waiting for card');
  await page.getByRole('button', { name: 'Cancel payment' }).click();
  await expect(status(page)).toHaveText('Cancelled');
  await shot('09-cancelled');
  await page.getByRole('button', { name: 'Done' }).click();
});

test('reports a terminal timeout when no card is presented', async ({ counter: page, api, shot }) => {
  const invoice = await tickFirstInvoice(page, api, '100014', 'Potplanten Van Vliet');
  await typeAmountEndingIn(page, invoice, 7);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toContainText('Waiting for card');
  await expect(status(page)).toContainText('Timed out');
  await shot('10-timed-out');
  await page.getByRole('button', { name: 'Done' }).click();
});

test('shows an unknown outcome when the terminal’s answer is lost, then what really happened', async ({
  counter: page,
  api,
  shot,
}) => {
  const invoice = await tickFirstInvoice(page, api, '100019', 'Bloemenhandel De Vries & Zn.');
  await typeAmountEndingIn(page, invoice, 9);
  await recordStatusTexts(page);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  await shot('11-lost-answer-resolved');
  const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus);
  expect(seen[0]).toContain('Outcome unknown');
  expect(seen.at(-1)).toBe('Approved');
  const today = await api<{ customerId: string; status: string }[]>('payments.today', {});
  expect(today.filter((p) => p.customerId === 'cust-100019')).toEqual([
    expect.objectContaining({ status: 'approved' }),
  ]);
  await page.getByRole('button', { name: 'Done' }).click();
});

test('opens the PDF receipt of an approved payment', async ({ counter: page, api, shot }) => {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100010' });
  const invoice = invoices[0] as DemoInvoice;
  await openCustomer(page, '100010', 'Potplanten Peters & Zn.');
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  const popupPromise = page.waitForEvent('popup');
  const receiptResponse = page.waitForResponse('**/api/rpc/receipts.pdf');
  await page.getByRole('button', { name: 'Open receipt' }).click();
  const popup = await popupPromise;
  await expect.poll(() => popup.url()).toMatch(/^blob:/);
  const body = (await (await receiptResponse).json()) as { ok: boolean; value: { fileName: string; base64: string } };
  const pdf = Buffer.from(body.value.base64, 'base64');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1_000);
  expect(body.value.fileName).toMatch(/^receipt-KS[A-Za-z0-9]+\.pdf$/);
  await shot('12-receipt-opened');
  await popup.close();
  await page.getByRole('button', { name: 'Done' }).click();
});

test('refuses bad amounts with a clear message and keeps Pay disabled', async ({ counter: page, api, shot }) => {
  const invoices = await api<DemoInvoice[]>('invoices.open', { customerId: 'cust-100017' });
  const invoice = invoices[0] as DemoInvoice;
  await openCustomer(page, '100017', 'Kwekerij De Haan Flora');
  await page.getByRole('checkbox', { name: `Select invoice ${invoice.number}` }).check();
  const amount = page.getByRole('textbox', { name: /Amount to pay/ });
  const pay = page.getByRole('button', { name: /^Pay/ });

  await amount.fill(typed(invoice.outstandingMinor + 1));
  await expect(page.getByRole('alert')).toHaveText(
    `The amount is more than the outstanding ${euro(invoice.outstandingMinor)}.`,
  );
  await expect(pay).toBeDisabled();
  await shot('13-amount-too-high');
  await amount.fill('12.3456');
  await expect(page.getByRole('alert')).toHaveText('Too many decimals: at most 2.');
  // One separator and three digits: a thousand times apart in Dutch and English, so refused.
  await amount.fill('12,500');
  await expect(page.getByRole('alert')).toHaveText('12,500 could be €12.50 or €12,500.00 — type 12.50 or 12,500.00.');
  await expect(pay).toBeDisabled();
  await amount.fill('abc');
  await expect(page.getByRole('alert')).toHaveText('That is not an amount.');
  await amount.fill('0');
  await expect(page.getByRole('alert')).toHaveText('The amount must be more than zero.');
  await amount.fill('-5');
  await expect(page.getByRole('alert')).toHaveText('The amount cannot be negative.');
  await expect(pay).toBeDisabled();

  // The split field refuses the same way and keeps the split it had.
  await amount.fill('');
  const split = page.getByRole('textbox', { name: `Amount for invoice ${invoice.number}` });
  await expect(split).toHaveValue(typed(invoice.outstandingMinor));
  await split.fill('1.000');
  await split.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('1.000 could be €1.00 or €1,000.00 — type 1.00 or 1,000.00.');
  await expect(split).toHaveValue(typed(invoice.outstandingMinor));
});

test('speaks Dutch at the counter', async ({ counter: page, shot }) => {
  await page.getByRole('button', { name: 'NL', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: 'Zoek klant of factuur' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Zoek klant of factuur' }).fill('100018');
  await page.getByRole('button', { name: /Boomkwekerij Vermeulen/ }).click();
  await expect(page.getByRole('checkbox', { name: 'Alle facturen selecteren' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Te betalen bedrag/ })).toBeVisible();
  await shot('14-dutch');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Select all invoices' })).toBeVisible();
});

test('opens the 5,000-invoice account and selects everything', async ({ counter: page, shot }) => {
  await openCustomer(page, '100001', 'Groothandel Aalsmeer Flowers B.V.');
  await expect(page.getByRole('table', { name: 'Open invoices' })).toHaveAttribute('aria-rowcount', '5001');
  await page.getByRole('checkbox', { name: 'Select all invoices' }).check();
  await expect(page.getByText('5000 selected')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Pay €/ })).toBeEnabled();
  await shot('15-large-account');
  await page.getByRole('checkbox', { name: 'Select all invoices' }).uncheck();
  await expect(page.getByRole('button', { name: 'Pay', exact: true })).toBeDisabled();
});

test("lists today's transactions with their outcome", async ({ counter: page, shot }) => {
  await page.getByRole('button', { name: "Today's transactions" }).click();
  const table = page.getByRole('table');
  await expect(table).toContainText('Approved');
  await expect(table).toContainText('Declined');
  await expect(table).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: /Open receipt KS[A-Za-z0-9]+/ }).first()).toBeVisible();
  await shot('16-today');
});
