import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEscPosPrinter } from '../../../fakes/escpos-printer/escpos-printer-fake';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../../helpers/test-engine';
import { startSmtpCatcher } from './smtp-catcher';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** Test jobs have no payment to look them up by: the engine's own queue is asked. */
async function sent(t: TestEngine, id: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const job = t.engine.printEmail.jobs.get(id);
    if (job?.status === 'sent') return job;
    if (Date.now() > deadline) throw new Error(`job stuck: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('print and e-mail API', () => {
  it('mail server in Settings (password sealed), test e-mail, receipt found by invoice number and re-sent to another address, with its history', async () => {
    const server = await startSmtpCatcher();
    open.push(server);
    const t = await startTestEngine();
    open.push(t);
    expect((await t.refusal('smtp.test', { to: 'me@shop.test' })).code).toBe('mail_not_set_up');
    const view = await t.call('smtp.configure', {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      user: null,
      password: 'geheim-wachtwoord',
      from: 'Kassa <kassa@shop.test>',
      replyTo: 'winkel@shop.test',
    });
    expect(view).toMatchObject({ host: '127.0.0.1', passwordSet: true, fromEnvironment: false });
    const raw = new Database(join(t.dataDir, 'kassa.sqlite'), { readonly: true });
    const stored = raw.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'smtp.config'").get();
    raw.close();
    expect(stored?.value).not.toContain('geheim-wachtwoord');

    const test = await t.call('smtp.test', { to: 'me@shop.test' });
    await sent(t, test.id);
    expect(server.caught[0]?.parsed.subject).toBe('Kassa: test-e-mail');
    expect(server.caught[0]?.parsed.replyTo?.text).toBe('winkel@shop.test');

    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('need an invoice');
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);

    const found = await t.call('receipts.search', { invoiceNumber: invoice.number });
    expect(found.map((row) => row.payment.id)).toEqual([paid.id]);
    expect(await t.call('receipts.search', { reference: paid.reference, amountMinor: paid.amount.minor })).toHaveLength(
      1,
    );
    expect(
      await t.call('receipts.search', { customer: customer.name, from: '2000-01-01', to: '2000-01-02' }),
    ).toHaveLength(0);

    const mailed = await t.call('receipts.email', {
      paymentId: paid.id,
      to: 'boekhouding@elders.test',
      language: 'da',
      remember: true,
    });
    await sent(t, mailed.id);
    expect(server.caught.at(-1)?.envelopeTo).toEqual(['boekhouding@elders.test']);
    expect(server.caught.at(-1)?.parsed.subject).toContain('Betalingskvittering');
    expect(await t.call('receipts.emailDefaults', { paymentId: paid.id })).toEqual({
      to: 'boekhouding@elders.test',
      language: 'nl',
    });
    const history = await t.call('receipts.history', { paymentId: paid.id });
    expect(history).toMatchObject([
      { kind: 'email', status: 'sent', target: 'boekhouding@elders.test', requestedBy: 'C1' },
    ]);
  });

  it('printer per purpose in Settings, test page, reprint from history marked copy; a sent job cannot be settled again', async () => {
    const printer = await startFakeEscPosPrinter();
    open.push(printer);
    const t = await startTestEngine();
    open.push(t);
    expect((await t.refusal('printers.test', { purpose: 'receipt' })).code).toBe('printer_not_set_up');
    const settings = await t.call('printers.configure', {
      purpose: 'receipt',
      printer: { uri: printer.uri, width: 58, codePage: 'cp1252', openDrawer: true },
    });
    expect(settings.receipt).toMatchObject({ uri: printer.uri, width: 58, fromEnvironment: false });
    expect(settings.report).toBeNull();
    expect(await t.call('printers.status', { purpose: 'receipt' })).toMatchObject({ online: true, paper: 'ok' });

    const test = await t.call('printers.test', { purpose: 'receipt' });
    await sent(t, test.id);
    while (printer.jobs.length < 1) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs[0]?.codePages).toEqual([16]);
    expect(printer.jobs[0]?.lines.join('\n')).toContain('€ 1.234,56');

    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('need an invoice');
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    const first = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
    await sent(t, first.id);
    const copy = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
    await sent(t, copy.id);
    while (printer.jobs.length < 3) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs[1]?.drawerKicks).toBe(1);
    expect(printer.jobs[2]?.drawerKicks).toBe(0); // a copy does not open the drawer
    expect(printer.jobs[2]?.lines.join('\n')).toContain('KOPIE');
    expect((await t.call('receipts.history', { paymentId: paid.id })).map((j) => j.purpose)).toEqual([
      'receipt-copy',
      'receipt',
    ]);
    expect((await t.refusal('jobs.confirmSent', { id: first.id })).code).toBe('job_not_actionable');
  });
});
