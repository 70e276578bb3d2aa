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

async function outboxEmpty(t: TestEngine) {
  while (t.engine.status().sync.waiting > 0) await new Promise((r) => setTimeout(r, 25));
}

describe('the Z report on paper and by e-mail', () => {
  it('is printed at the close on the report printer, e-mailed to the manager on request, and e-mailed by itself at the next close', async () => {
    const printer = await startFakeEscPosPrinter();
    open.push(printer);
    const smtp = await startSmtpCatcher();
    open.push(smtp);
    const t = await startTestEngine();
    open.push(t);
    await t.call('printers.configure', {
      purpose: 'report',
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
    expect((await t.waitForPayment(started.id, isFinal)).status).toBe('approved');
    await outboxEmpty(t);

    const closed = await t.call('day.close', {});
    expect(closed.jobs.map((j) => [j.kind, j.purpose])).toEqual([['print', 'z-report']]);
    await sent(t, closed.jobs[0]?.id ?? '');
    while (printer.jobs.length < 1) await new Promise((r) => setTimeout(r, 10));
    const paper = printer.jobs[0]?.lines.join('\n') ?? '';
    expect(paper).toContain('Z-rapport 1');
    expect(paper).toContain('Valuta EUR');

    const mail = await t.call('day.emailZ', { number: 1, to: 'manager@shop.test' });
    await sent(t, mail.id);
    const caught = smtp.caught[0];
    expect(caught?.envelopeTo).toEqual(['manager@shop.test']);
    expect(caught?.parsed.subject).toContain('Z-rapport 1');
    const attachment = caught?.parsed.attachments[0];
    expect(attachment?.filename).toBe('z-report-C1-1.pdf');
    expect(pdfText(attachment?.content.toString('base64') ?? '')).toContain('Z-rapport 1');
    expect((await t.call('day.zJobs', { number: 1 })).map((j) => j.kind).sort()).toEqual(['email', 'print']);

    // The address is remembered: the next close prints and e-mails by itself.
    await t.call('day.open', {});
    const second = await t.call('day.close', {});
    expect(second.jobs.map((j) => j.kind)).toEqual(['print', 'email']);
    for (const job of second.jobs) await sent(t, job.id);
    expect(smtp.caught.at(-1)?.parsed.attachments[0]?.filename).toBe('z-report-C1-2.pdf');
  });
});
