import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRow } from '../../../electron/core/jobs/job-repository';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../../helpers/test-engine';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

const open: { close(): Promise<void> }[] = [];
let child: ChildProcess | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  for (const thing of open.splice(0).reverse()) await thing.close();
});

const smtpEnv = (port: number) => ({
  KASSA_SMTP_HOST: '127.0.0.1',
  KASSA_SMTP_PORT: String(port),
  KASSA_SMTP_SECURE: 'none',
  KASSA_SMTP_FROM: 'Bloemenhandel <kassa@shop.test>',
});

async function catcher(port = 0): Promise<SmtpCatcher> {
  const server = await startSmtpCatcher(port);
  open.push(server);
  return server;
}

async function engineWithPayment(port: number, dataDir?: string) {
  const t = await startTestEngine({ env: smtpEnv(port), ...(dataDir ? { dataDir } : {}) });
  open.push(t);
  const { customer, invoices } = await customerWithOpenInvoices(t, 1);
  const invoice = invoices[0];
  if (!invoice) throw new Error('need an invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  const paid = await t.waitForPayment(started.id, isFinal);
  expect(paid.status).toBe('approved');
  return { t, paid };
}

async function until(t: TestEngine, id: string, done: (job: JobRow) => boolean, timeoutMs = 15_000): Promise<JobRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = t.engine.printEmail.jobs.get(id);
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job stuck: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('receipt e-mail through a real SMTP server', () => {
  it('sends the receipt in the customer language with the receipt PDF attached and a stable Message-ID', async () => {
    const server = await catcher();
    const { t, paid } = await engineWithPayment(server.port);
    const job = t.engine.printEmail.emailReceipt({ paymentId: paid.id, to: 'inkoop@kwekerij.test', language: 'de' });
    await until(t, job.id, (j) => j.status === 'sent');
    expect(server.caught).toHaveLength(1);
    const mail = server.caught[0];
    expect(mail?.envelopeTo).toEqual(['inkoop@kwekerij.test']);
    expect(mail?.parsed.subject).toContain(`Zahlungsbeleg ${paid.reference}`);
    expect(mail?.parsed.headers.get('content-language')).toBe('de');
    expect(mail?.parsed.text).toContain('Anbei erhalten Sie den Beleg');
    expect(mail?.parsed.messageId).toBe(job.messageId);
    const attachment = mail?.parsed.attachments[0];
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.filename).toBe(`receipt-${paid.reference}.pdf`);
    const receipt = await t.engine.printEmail.receiptPdf(paid.id, 'de');
    expect(Buffer.compare(attachment?.content ?? Buffer.alloc(0), receipt)).toBe(0);
  });

  it('server down: the mail waits in the queue and is delivered when the server returns', async () => {
    const probe = await startSmtpCatcher();
    const port = probe.port;
    await probe.close();
    const { t, paid } = await engineWithPayment(port);
    const job = t.engine.printEmail.emailReceipt({ paymentId: paid.id, to: 'a@b.test', language: 'nl' });
    const waiting = await until(t, job.id, (j) => j.attempts >= 1 && j.status === 'waiting');
    expect(waiting.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    const server = await catcher(port);
    const sent = await until(t, job.id, (j) => j.status === 'sent');
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(server.caught).toHaveLength(1);
    expect(server.caught[0]?.parsed.messageId).toBe(job.messageId);
  });

  it('4xx then 250: retried with back-off and delivered once', async () => {
    const server = await catcher();
    server.answerNext({ code: 451, message: 'Greylisted, try again later' });
    const { t, paid } = await engineWithPayment(server.port);
    const job = t.engine.printEmail.emailReceipt({ paymentId: paid.id, to: 'a@b.test', language: 'en' });
    const sent = await until(t, job.id, (j) => j.status === 'sent');
    expect(sent.attempts).toBe(2);
    expect(server.caught).toHaveLength(1);
    expect(server.caught[0]?.parsed.subject).toContain('Payment receipt');
  });

  it('5xx: failed with the server reason, not retried', async () => {
    const server = await catcher();
    server.answerNext({ code: 554, message: 'Message rejected: policy' });
    const { t, paid } = await engineWithPayment(server.port);
    const job = t.engine.printEmail.emailReceipt({ paymentId: paid.id, to: 'a@b.test', language: 'nl' });
    const failed = await until(t, job.id, (j) => j.status === 'failed');
    expect(failed.lastError).toMatch(/554.*Message rejected: policy/);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(t.engine.printEmail.jobs.get(job.id)?.attempts).toBe(1);
    expect(server.caught).toHaveLength(0);
  });

  it('SIGKILL between send and commit: never sent a second time on its own; a manager resend keeps the Message-ID', async () => {
    const server = await catcher();
    const { t, paid } = await engineWithPayment(server.port);
    const dataDir = t.dataDir;
    await t.close();
    open.splice(open.indexOf(t), 1);

    server.answerNext({ hold: true });
    const arrived = server.arrived();
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/integration/print-email/mail-child.ts', dataDir, String(server.port), paid.id],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    await arrived; // the server has the whole message; the sender never hears "250"
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(server.caught).toHaveLength(1);

    const again = await startTestEngine({ dataDir, env: smtpEnv(server.port) });
    open.push(again);
    const [job] = again.engine.printEmail.jobs.forDocument(paid.id);
    if (!job) throw new Error('the job was not recorded');
    expect(job.status).toBe('uncertain');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(server.caught).toHaveLength(1);

    // The manager decides to send it again: the same message under the same Message-ID.
    expect(again.engine.printEmail.jobs.retry(job.id, new Date().toISOString())).toBe(true);
    again.engine.printEmail.runner.wake();
    await until(again, job.id, (j) => j.status === 'sent');
    expect(server.caught).toHaveLength(2);
    expect(server.caught[1]?.parsed.messageId).toBe(server.caught[0]?.parsed.messageId);
  });
});
