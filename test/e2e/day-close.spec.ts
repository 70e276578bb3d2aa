import { startSmtpCatcher } from '../integration/print-email/smtp-catcher';
import { euro, expect, mailTo, paymentStatus as status, test, tickFirstInvoice } from './fixtures';

interface XReport {
  number: number;
  blockers: string[];
  currencies: { currency: string; netMinor: number }[];
}

/** End of day: a payment, the live X report, the close (with a manager's note if the demo left something open), the Z, the refusal, the next day. */
test('takes a payment, sees it on the X report, closes the day with a Z, is refused a payment, opens the next day', async ({
  counter: page,
  api,
  shot,
}) => {
  const customer = await api<{ name: string }>('customers.card', { customerId: 'cust-100031' });
  await tickFirstInvoice(page, api, '100031', customer.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(status(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'X report (the day so far)' })).toBeVisible();
  // The demo delivers to its back-office by itself: wait a moment for the outbox to empty.
  let x = await api<XReport>('day.xReport', {});
  for (let i = 0; i < 40 && x.blockers.includes('outbox_waiting'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    x = await api<XReport>('day.xReport', {});
  }
  const eur = x.currencies.find((c) => c.currency === 'EUR');
  if (!eur) throw new Error('no EUR on the X report');
  await expect(page.getByTestId('day-net-EUR')).toHaveText(euro(eur.netMinor));
  await expect(page.getByRole('table', { name: 'Currency EUR' })).toContainText('sandbox · card_terminal');
  await shot('day-x-report');

  await page.getByRole('button', { name: 'Close day', exact: true }).click();
  if (x.blockers.length > 0) {
    // Something the demo left open (an earlier test's payment, say): a manager closes anyway with a note.
    await expect(page.getByText('The day cannot be closed yet:')).toBeVisible();
    await page.getByRole('button', { name: 'Close anyway (manager)' }).click();
    const confirm = page.getByRole('button', { name: 'Close with this note' });
    await expect(confirm).toBeDisabled();
    await page.getByRole('textbox', { name: 'Why close anyway? (note, required)' }).fill('Left open by the demo');
    await shot('day-close-override');
    await confirm.click();
  } else {
    await page.getByRole('button', { name: 'Close day and print the Z report' }).click();
  }
  await expect(page.getByTestId('day-state')).toContainText(`Day ${x.number} was closed at`);
  await expect(page.getByRole('heading', { name: `Z report ${x.number}` })).toBeVisible();
  const smtp = await startSmtpCatcher();
  try {
    await mailTo(api, smtp.port);
    await page.getByRole('textbox', { name: 'Send the Z report to' }).fill('manager@shop.example');
    await page.getByRole('button', { name: 'E-mail Z' }).click();
    await expect(page.getByRole('table', { name: 'Printed and sent' })).toContainText('manager@shop.example');
    // The Z report arrives as a PDF, so the manager has it away from the counter.
    await expect.poll(() => smtp.to('manager@shop.example').length).toBe(1);
    expect(smtp.to('manager@shop.example')[0]?.parsed.attachments[0]?.contentType).toBe('application/pdf');
  } finally {
    await smtp.close();
  }
  await shot('day-z-report');

  // The counter refuses a payment on the closed day, and says why.
  await page.getByRole('button', { name: 'Counter' }).click();
  await expect(page.getByText('The day is closed at this station: no new payments')).toBeVisible();
  const other = await api<{ name: string }>('customers.card', { customerId: 'cust-100032' });
  await tickFirstInvoice(page, api, '100032', other.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText('The day is closed at this station. A manager opens the next day')).toBeVisible();
  await shot('day-counter-refuses');

  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await page.getByRole('button', { name: 'Open next day' }).click();
  await expect(page.getByTestId('day-state')).toContainText(`Day ${x.number + 1} is open since`);
  await expect(page.getByText('The day is closed at this station: no new payments')).toHaveCount(0);
  await expect(page.getByText('No payments in this period.')).toBeVisible();
  await shot('day-next-open');
});
