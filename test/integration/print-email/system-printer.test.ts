import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { customerWithOpenInvoices, isFinal, startInput, startTestEngine } from '../../helpers/test-engine';
import { hasCups, startPrivateCups } from './private-cups';

const open: { close(): Promise<void> }[] = [];
const previousServer = process.env.CUPS_SERVER;
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  if (previousServer === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = previousServer;
});

/** The text of a PDF; '' while cups-pdf is still writing it. */
function pdfText(file: string): string {
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

describe('system printer through CUPS (browser mode)', () => {
  it.skipIf(!hasCups)(
    'prints the A4 receipt with lp on a virtual PDF printer: the file exists and its text is the receipt',
    async () => {
      const cups = await startPrivateCups();
      open.push(cups);
      process.env.CUPS_SERVER = cups.socket; // lp, started by the core, finds this scheduler
      const t = await startTestEngine({ env: { KASSA_RECEIPT_PRINTER: `system:${cups.printer}` } });
      open.push(t);
      const { customer, invoices } = await customerWithOpenInvoices(t, 1);
      const invoice = invoices[0];
      if (!invoice) throw new Error('need an invoice');
      const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
      const paid = await t.waitForPayment(started.id, isFinal);

      const outDir = join(homedir(), 'PDF');
      const since = Date.now() - 1_000;
      const job = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
      const deadline = Date.now() + 30_000;
      let text = '';
      while (!text.includes(paid.reference)) {
        if (Date.now() > deadline)
          throw new Error(`no PDF came out: ${JSON.stringify(t.engine.printEmail.jobs.get(job.id))}`);
        await new Promise((r) => setTimeout(r, 200));
        const fresh = existsSync(outDir)
          ? readdirSync(outDir).filter((f) => f.endsWith('.pdf') && statSync(join(outDir, f)).mtimeMs >= since)
          : [];
        text = fresh.map((f) => pdfText(join(outDir, f))).join('\n');
      }
      expect(t.engine.printEmail.jobs.get(job.id)?.status).toBe('sent');
      expect(text).toContain('Betalingsbewijs');
      expect(text).toContain(invoice.number);
      for (const file of readdirSync(outDir)) if (file.includes(paid.reference)) rmSync(join(outDir, file));
    },
  );

  it('no lp on the machine: the print fails with the reason instead of waiting forever', async () => {
    const t = await startTestEngine({
      env: { KASSA_RECEIPT_PRINTER: 'system:Office', KASSA_LP_COMMAND: '/nonexistent/lp' },
    });
    open.push(t);
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('need an invoice');
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    const job = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
    const deadline = Date.now() + 10_000;
    while (t.engine.printEmail.jobs.get(job.id)?.status !== 'failed') {
      if (Date.now() > deadline) throw new Error('not failed');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(t.engine.printEmail.jobs.get(job.id)?.lastError).toMatch(/lp is not installed/);
  });
});
