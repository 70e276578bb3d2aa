import { randomUUID } from 'node:crypto';
import { startFakeEscPosPrinter } from '../../fakes/escpos-printer/escpos-printer-fake';
import { startSmtpCatcher } from '../integration/print-email/smtp-catcher';
import { expect, mailTo, test } from './fixtures';

type Api = <T>(method: string, input: unknown) => Promise<T>;

/** One approved demo payment, taken through the API (the counter screens are tested elsewhere). */
async function approvedPayment(api: Api, skip = 0) {
  const hits = await api<{ id: string; openInvoiceCount: number; number: string }[]>('customers.search', {
    query: 'b',
  });
  const customer = hits.filter((h) => h.openInvoiceCount >= 1 && h.number !== '100001')[skip];
  if (!customer) throw new Error('no demo customer');
  const [invoice] = await api<{ id: string; number: string; outstandingMinor: number }[]>('invoices.open', {
    customerId: customer.id,
  });
  if (!invoice) throw new Error('no invoice');
  const started = await api<{ id: string }>('payments.start', {
    requestId: randomUUID(),
    customerId: customer.id,
    invoiceIds: [invoice.id],
    amount: { minor: invoice.outstandingMinor, currency: 'EUR' },
    terminalId: 'sandbox-1',
  });
  for (let i = 0; i < 200; i++) {
    const payment = await api<{ status: string; reference: string; id: string }>('payments.get', {
      paymentId: started.id,
    });
    if (payment.status === 'approved') return { payment, invoice };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('payment not approved');
}

test('Settings: mail server and receipt printer with their test buttons; then reprint and re-send from history', async ({
  counter: page,
  api,
  shot,
}) => {
  const smtp = await startSmtpCatcher();
  const printer = await startFakeEscPosPrinter();
  try {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const mail = page.getByRole('form', { name: 'E-mail (mail server)' });
    await mail.getByLabel('Mail server (host)').fill('127.0.0.1');
    await mail.getByLabel('Port').fill(String(smtp.port));
    await mail.getByLabel('Security').selectOption('none');
    await mail.getByLabel('Sender').fill('Kassa <kassa@shop.test>');
    await mail.getByRole('button', { name: 'Save mail settings' }).click();
    await expect(mail.getByRole('status')).toHaveText('Mail settings saved.');
    await mail.getByLabel('Send a test e-mail to').fill('manager@shop.test');
    await mail.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect.poll(() => smtp.to('manager@shop.test').length).toBe(1);
    expect(smtp.to('manager@shop.test')[0]?.parsed.subject).toBe('Kassa: test-e-mail');

    const receiptPrinter = page.getByRole('group', { name: 'Receipt printer' });
    await receiptPrinter.getByLabel('Printer (tcp://host:9100 or system:<name>)').fill(printer.uri);
    await receiptPrinter.getByRole('button', { name: 'Save printer' }).click();
    await expect(receiptPrinter.getByRole('button', { name: 'Print test page' })).toBeEnabled();
    await receiptPrinter.getByRole('button', { name: 'Check printer' }).click();
    await expect(receiptPrinter.getByRole('status')).toContainText('Online');
    await receiptPrinter.getByRole('button', { name: 'Print test page' }).click();
    await expect.poll(() => printer.jobs.length).toBe(1);
    expect(printer.jobs[0]?.lines.join('\n')).toContain('€ 1.234,56');
    await shot('40-settings-mail-and-printer');

    const { payment, invoice } = await approvedPayment(api);
    // The counter shows every approval, also one taken through the API: close it first.
    await page.getByRole('dialog', { name: 'Payment status' }).getByRole('button', { name: 'Done' }).click();
    const history = page.getByRole('region', { name: 'Receipts: find, reprint, re-send' });
    await history.getByLabel('Invoice number').fill(invoice.number);
    await history.getByRole('button', { name: 'Search' }).click();
    await history.getByRole('button', { name: new RegExp(payment.reference) }).click();
    const send = history.getByRole('region', { name: `Send receipt ${payment.reference}` });
    await send.getByLabel('E-mail to').fill('boekhouding@elders.test');
    await send.getByLabel('Receipt language').selectOption('de');
    await send.getByRole('button', { name: 'E-mail receipt' }).click();
    await expect.poll(() => smtp.to('boekhouding@elders.test').length).toBe(1);
    const [receipt] = smtp.to('boekhouding@elders.test');
    expect(receipt?.envelopeTo).toEqual(['boekhouding@elders.test']);
    expect(receipt?.parsed.subject).toContain(`Zahlungsbeleg ${payment.reference}`);
    expect(receipt?.parsed.attachments[0]?.contentType).toBe('application/pdf');
    await send.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => printer.jobs.length).toBe(2);
    expect(printer.jobs[1]?.qrCodes).toEqual([payment.reference]);

    const jobs = history.getByRole('table', { name: `Printed and sent for ${payment.reference}` });
    await expect(jobs.getByRole('row')).toHaveCount(3);
    await expect(jobs).toContainText('boekhouding@elders.test');
    await expect(jobs.getByText('Done')).toHaveCount(2);
    await shot('41-receipt-history-reprint-resend');
  } finally {
    await smtp.close();
    await printer.close();
  }
});

test('an automation turned on with one click: the next approval e-mails the customer', async ({
  counter: page,
  api,
  shot,
}) => {
  const smtp = await startSmtpCatcher();
  try {
    await mailTo(api, smtp.port);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const automations = page.getByRole('region', { name: 'Automations' });
    await automations.getByRole('button', { name: 'E-mail every receipt to the customer' }).click();
    await expect(automations.getByRole('status')).toHaveText('Automations saved.');
    await expect(automations.getByRole('group', { name: 'Rule 1' }).getByLabel('then')).toHaveValue('email_customer');
    await shot('42-automation-email-every-receipt');

    // A demo customer the back-office has an address for (most have one).
    for (let skip = 1; skip < 10; skip++) {
      const { payment } = await approvedPayment(api, skip);
      await page.getByRole('dialog', { name: 'Payment status' }).getByRole('button', { name: 'Done' }).click();
      const { to } = await api<{ to: string | null }>('receipts.emailDefaults', { paymentId: payment.id });
      if (!to) continue;
      await expect.poll(() => smtp.to(to).length).toBe(1);
      expect(smtp.to(to)[0]?.parsed.subject).toContain(payment.reference);
      return;
    }
    throw new Error('no demo customer with an e-mail address');
  } finally {
    await api('automations.save', { rules: [] });
    await smtp.close();
  }
});
