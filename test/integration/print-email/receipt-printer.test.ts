import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosEncoder, offlineStatus, paperStatus } from '../../../electron/core/printing/escpos-encoder';
import { decodeEscPos } from '../../../fakes/escpos-printer/escpos-decoder';
import { startFakeEscPosPrinter } from '../../../fakes/escpos-printer/escpos-printer-fake';
import { pdfText } from '../../helpers/pdf-text';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../../helpers/test-engine';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function engineWithPayment(printerUri: string) {
  const t = await startTestEngine({ env: { KASSA_RECEIPT_PRINTER: printerUri } });
  open.push(t);
  // The shop's KvK number, as Settings or the back-office would store it.
  const settings = new Database(join(t.dataDir, 'kassa.sqlite'));
  settings.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('company.kvk', '12345678')").run();
  settings.close();
  const { customer, invoices } = await customerWithOpenInvoices(t, 2);
  const [a, b] = invoices;
  if (!a || !b) throw new Error('need invoices');
  const amount = a.outstandingMinor + 1_000;
  const started = await t.call('payments.start', startInput(customer.id, [a.id, b.id], amount));
  const paid = await t.waitForPayment(started.id, isFinal);
  expect(paid.status).toBe('approved');
  return { t, paid, a, b };
}

const isRetrying = (job: { status: string; attempts: number } | undefined) =>
  job?.status === 'waiting' && job.attempts >= 1;

async function until(t: TestEngine, id: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = t.engine.printEmail.jobs.get(id);
    if (job?.status === status) return job;
    if (Date.now() > deadline) throw new Error(`job stuck: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ESC/POS encoder', () => {
  it('writes the € in code page 858, bold and double size, a QR with its byte length, and a cut', () => {
    const bytes = new EscPosEncoder()
      .initialize('cp858')
      .bold(true)
      .size(2, 2)
      .line('Totaal € 12,50')
      .qr('ré-1')
      .cut()
      .openDrawer()
      .encode();
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 19]);
    expect(bytes.includes(Buffer.from([0x1b, 0x45, 1, 0x1d, 0x21, 0x11]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xd5]))).toBe(true); // € in PC858
    // "ré-1" is 5 bytes in UTF-8: pL = 5 + 3.
    expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b, 8, 0, 0x31, 0x50, 0x30]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1d, 0x56, 0x42, 3]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1b, 0x70, 0, 25, 250]))).toBe(true);
    const decoded = decodeEscPos(bytes);
    expect(decoded.lines).toContain('Totaal € 12,50');
    expect(decoded.largeLines).toContain('Totaal € 12,50');
    expect(decoded.qrCodes).toEqual(['ré-1']);
    expect(decoded.cuts).toBe(1);
    expect(decoded.drawerKicks).toBe(1);
  });

  it('writes the € as 0x80 in WPC1252', () => {
    const bytes = new EscPosEncoder().initialize('cp1252').line('€').encode();
    expect([...bytes]).toEqual([0x1b, 0x40, 0x1b, 0x74, 16, 0x80, 0x0a]);
  });

  it('reads the DLE EOT status bytes', () => {
    expect(paperStatus(0x12)).toBe('ok');
    expect(paperStatus(0x12 | 0x0c)).toBe('near_end');
    expect(paperStatus(0x12 | 0x60)).toBe('out');
    expect(offlineStatus(0x12 | 0x04)).toBe('cover_open');
  });
});

describe('the receipt printer over TCP', () => {
  it('prints the frozen receipt: shop, invoices, € total large and bold, QR of the reference, cut; a reprint says copy', async () => {
    const printer = await startFakeEscPosPrinter();
    open.push(printer);
    const { t, paid, a, b } = await engineWithPayment(printer.uri);
    const first = t.engine.printEmail.printReceipt({ paymentId: paid.id, language: 'nl' });
    await until(t, first.id, 'sent');
    while (printer.jobs.length < 1) await new Promise((r) => setTimeout(r, 10));
    const [printout] = printer.jobs;
    if (!printout) throw new Error('nothing printed');
    expect(printout.codePages).toEqual([19]);
    const text = printout.lines.join('\n');
    expect(text).toContain('Bloemenhandel De Kas');
    expect(text).toContain('BTW/VAT NL000099998B57');
    expect(text).toContain('KvK 12345678');
    expect(pdfText((await t.engine.printEmail.receiptPdf(paid.id, 'da')).toString('base64'))).toContain('KvK 12345678');
    expect(text).toContain('Betalingsbewijs');
    expect(text).toContain(a.number);
    expect(text).toContain(b.number);
    expect(text).toContain(`**** ${paid.cardLast4}`);
    expect(text).not.toContain('KOPIE');
    expect(printout.largeLines.some((l) => l.startsWith('Totaal betaald') && l.includes('€'))).toBe(true);
    expect(printout.boldLines.some((l) => l.startsWith('Totaal betaald'))).toBe(true);
    expect(printout.qrCodes).toEqual([paid.reference]);
    expect(printout.cuts).toBe(1);
    // It asked for the printer's state (offline cause, paper) before printing.
    expect(printout.statusRequests).toEqual([2, 4]);

    const again = t.engine.printEmail.printReceipt({ paymentId: paid.id, language: 'nl' });
    await until(t, again.id, 'sent');
    while (printer.jobs.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs[1]?.lines.join('\n')).toContain('*** KOPIE ***');
    expect(again.purpose).toBe('receipt-copy');

    // A refund prints as its own document; the payment's receipt never changes.
    await t.call('payments.refund', {
      requestId: randomUUID(),
      paymentId: paid.id,
      amount: { minor: 1_000, currency: 'EUR' },
      kind: 'online',
      reason: 'damaged',
    });
    const refunded = await t.waitForPayment(paid.id, (p) => p.refundedMinor === 1_000);
    const refundId = refunded.refunds[0]?.id ?? '';
    const slip = await t.call('receipts.print', { paymentId: paid.id, refundId, language: 'de' });
    expect(slip.purpose).toBe('refund');
    await until(t, slip.id, 'sent');
    while (printer.jobs.length < 3) await new Promise((r) => setTimeout(r, 10));
    const refundText = printer.jobs[2]?.lines.join('\n') ?? '';
    expect(refundText).toContain('Erstattungsbeleg');
    expect(refundText).toContain(paid.reference);
    expect(refundText).toContain('damaged');
    expect(refundText).not.toContain('KOPIE');
  });

  it('offline printer: the job waits and prints when the printer returns; paper out holds it too', async () => {
    const probe = await startFakeEscPosPrinter();
    const port = probe.port;
    await probe.close();
    const { t, paid } = await engineWithPayment(`tcp://127.0.0.1:${port}`);
    expect((await t.engine.printEmail.printerStatus('receipt'))?.online).toBe(false);
    const job = t.engine.printEmail.printReceipt({ paymentId: paid.id, language: 'en' });
    const deadline = Date.now() + 10_000;
    while (!isRetrying(t.engine.printEmail.jobs.get(job.id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(t.engine.printEmail.jobs.get(job.id)).toMatchObject({ status: 'waiting' });
    expect(t.engine.printEmail.jobs.get(job.id)?.lastError).toMatch(/printer offline/);

    const printer = await startFakeEscPosPrinter({ port });
    open.push(printer);
    printer.status.paper = 0x12 | 0x60;
    expect(await t.engine.printEmail.printerStatus('receipt')).toMatchObject({ online: true, paper: 'out' });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(printer.jobs).toHaveLength(0);
    printer.status.paper = 0x12;
    await until(t, job.id, 'sent');
    while (printer.jobs.length < 1) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]?.lines.join('\n')).toContain('Payment receipt');
  });
});
