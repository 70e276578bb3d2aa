import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEscPosPrinter } from '../../fakes/escpos-printer/escpos-printer-fake';
import { pdfText } from '../helpers/pdf-text';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../helpers/test-engine';
import { startSmtpCatcher } from './print-email/smtp-catcher';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function sent(t: TestEngine, id: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const job = t.engine.printEmail.jobs.get(id);
    if (job?.status === 'sent') return job;
    if (Date.now() > deadline) throw new Error(`job stuck: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the receipt of a voided payment', () => {
  it('says VOIDED on the counter printer and in the e-mailed PDF once the payment is voided', async () => {
    const printer = await startFakeEscPosPrinter();
    open.push(printer);
    const smtp = await startSmtpCatcher();
    open.push(smtp);
    const t = await startTestEngine();
    open.push(t);
    await t.call('printers.configure', {
      purpose: 'receipt',
      printer: { uri: printer.uri, width: 80, codePage: 'cp858', openDrawer: false },
    });
    await t.call('smtp.configure', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: null,
      password: null,
      from: 'Kassa <kassa@shop.test>',
      replyTo: null,
    });
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const [invoice] = invoices;
    if (!invoice) throw new Error('need an invoice');
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    await sent(t, (await t.call('receipts.print', { paymentId: paid.id, language: 'en' })).id);
    while (printer.jobs.length < 1) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs[0]?.lines.join('\n')).not.toContain('VOIDED');

    await t.call('payments.void', { requestId: randomUUID(), paymentId: paid.id, note: 'Wrong customer' });
    await sent(t, (await t.call('receipts.print', { paymentId: paid.id, language: 'en' })).id);
    while (printer.jobs.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs[1]?.lines.join('\n')).toContain('*** VOIDED ***');

    const mail = await t.call('receipts.email', {
      paymentId: paid.id,
      to: 'buyer@customer.test',
      language: 'nl',
      remember: false,
    });
    await sent(t, mail.id);
    const pdf = smtp.caught[0]?.parsed.attachments[0]?.content.toString('base64') ?? '';
    expect(pdfText(pdf)).toContain('Vervallen');
  });
});
