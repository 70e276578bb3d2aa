import { afterEach, describe, expect, it } from 'vitest';
import { createHostPrinter } from '../../../electron/core/printing/host-printer';
import type { HostAnswer, HostRequestMessage } from '../../../shared/host/print-protocol';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../../helpers/test-engine';

const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/**
 * The main process faked at the port: the core's host printer posts its request here, and the
 * test answers it (printed, failed) or never does (the answer is lost).
 */
function fakeMainProcess(answer: (request: HostRequestMessage) => HostAnswer | null) {
  const requests: HostRequestMessage[] = [];
  const host = createHostPrinter(
    (message) => {
      requests.push(message);
      const reply = answer(message);
      if (reply) queueMicrotask(() => host.answered({ type: 'host-answer', id: message.id, answer: reply }));
    },
    { timeoutMs: 300 },
  );
  return { host, requests };
}

async function printOnDesktopPrinter(answer: (request: HostRequestMessage) => HostAnswer | null) {
  const main = fakeMainProcess(answer);
  const t = await startTestEngine({ hostPrinter: main.host });
  open.push(t);
  await t.call('printers.configure', {
    purpose: 'receipt',
    printer: {
      uri: 'electron:Office Laser',
      width: 80,
      codePage: 'cp858',
      openDrawer: false,
      silent: false,
      pageSize: '80mm',
    },
  });
  const { customer, invoices } = await customerWithOpenInvoices(t, 1);
  const invoice = invoices[0];
  if (!invoice) throw new Error('need an invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  const paid = await t.waitForPayment(started.id, isFinal);
  const job = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
  const deadline = Date.now() + 10_000;
  const settled = () => ['sent', 'failed', 'uncertain'].includes(t.engine.printEmail.jobs.get(job.id)?.status ?? '');
  while (!settled()) {
    if (Date.now() > deadline)
      throw new Error(`job not settled: ${JSON.stringify(t.engine.printEmail.jobs.get(job.id))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { job: t.engine.printEmail.jobs.get(job.id), requests: main.requests };
}

describe('electron: printers through the main process (desktop app)', () => {
  it('sends the receipt PDF with the printer, page size and dialog choice, and records the job printed', async () => {
    const { job, requests } = await printOnDesktopPrinter(() => ({ result: 'printed' }));
    expect(job?.status).toBe('sent');
    expect(requests).toHaveLength(1);
    const request = requests[0]?.request;
    if (request?.kind !== 'print') throw new Error('expected a print request');
    expect(request).toMatchObject({ printer: 'Office Laser', pageSize: '80mm', silent: false, copies: 1 });
    expect(Buffer.from(request.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('records the reason when the main process answers that printing failed', async () => {
    const { job } = await printOnDesktopPrinter(() => ({ result: 'failed', reason: 'Invalid deviceName provided' }));
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toBe('Invalid deviceName provided');
  });

  it('marks the job uncertain, not printed and not retried, when the answer is lost', async () => {
    const { job, requests } = await printOnDesktopPrinter(() => null);
    expect(job?.status).toBe('uncertain');
    expect(job?.lastError).toMatch(/did not answer in time/);
    expect(requests).toHaveLength(1);
  });

  it('in browser mode (no main process) fails an electron: job with the reason instead of waiting', async () => {
    const t = await startTestEngine({ env: { KASSA_RECEIPT_PRINTER: 'electron:Office Laser' } });
    open.push(t);
    const { customer, invoices } = await customerWithOpenInvoices(t, 1);
    const invoice = invoices[0];
    if (!invoice) throw new Error('need an invoice');
    const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    const queued = await t.call('receipts.print', { paymentId: paid.id, language: 'nl' });
    const deadline = Date.now() + 10_000;
    while (t.engine.printEmail.jobs.get(queued.id)?.status !== 'failed') {
      if (Date.now() > deadline) throw new Error('not failed');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(t.engine.printEmail.jobs.get(queued.id)?.lastError).toMatch(/only in the desktop app/);
    expect(await t.call('printers.system', {})).toEqual([]);
  });

  it('prints the test page of a desktop printer as a PDF on its paper', async () => {
    const main = fakeMainProcess(() => ({ result: 'printed' }));
    const t = await startTestEngine({ hostPrinter: main.host });
    open.push(t);
    const printer = {
      uri: 'electron:Office',
      width: 80,
      codePage: 'cp858',
      openDrawer: false,
      pageSize: '58mm',
    } as const;
    await t.call('printers.configure', { purpose: 'report', printer });
    const job = await t.call('printers.test', { purpose: 'report' });
    const deadline = Date.now() + 10_000;
    while (t.engine.printEmail.jobs.get(job.id)?.status !== 'sent') {
      if (Date.now() > deadline) throw new Error(JSON.stringify(t.engine.printEmail.jobs.get(job.id)));
      await new Promise((r) => setTimeout(r, 20));
    }
    const request = main.requests[0]?.request;
    if (request?.kind !== 'print') throw new Error('expected a print request');
    expect(request).toMatchObject({ printer: 'Office', pageSize: '58mm', silent: true });
    expect(Buffer.from(request.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("lists the desktop app's printers for Settings", async () => {
    const main = fakeMainProcess(() => ({
      result: 'printers',
      printers: [{ name: 'Office_Laser', displayName: 'Office Laser', isDefault: true }],
    }));
    const t = await startTestEngine({ hostPrinter: main.host });
    open.push(t);
    expect(await t.call('printers.system', {})).toEqual([
      { name: 'Office_Laser', displayName: 'Office Laser', isDefault: true },
    ]);
  });
});

describe("the core's host printer", () => {
  it('treats an answer that does not parse as lost (uncertain) and ignores answers nobody waits for', async () => {
    const requests: HostRequestMessage[] = [];
    const host = createHostPrinter((message) => requests.push(message), { timeoutMs: 1_000 });
    const outcome = host.print({ pdfBase64: 'JVBERi0=', printer: 'P', pageSize: 'A4', silent: true, copies: 1 });
    host.answered({ type: 'host-answer', id: 999, answer: { result: 'printed' } });
    host.answered({
      type: 'host-answer',
      id: requests[0]?.id ?? -1,
      answer: { result: 'paper' } as unknown as HostAnswer,
    });
    expect(await outcome).toEqual({ result: 'uncertain', error: 'the desktop app sent an answer that does not parse' });
  });

  it('a port that refuses the request: retried later, since nothing left the core', async () => {
    const host = createHostPrinter(() => {
      throw new Error('port closed');
    });
    expect(await host.print({ pdfBase64: 'JVBERi0=', printer: 'P', pageSize: 'A4', silent: true, copies: 1 })).toEqual({
      result: 'retry',
      error: 'could not reach the desktop app: port closed',
    });
  });
});
