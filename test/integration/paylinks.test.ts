import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PaymentDto } from '../../shared/api/schemas';
import { counterConfig, startTestBackoffice } from '../helpers/backoffice';
import { customerWithInvoices } from '../helpers/provider-harness';
import type { TestEngine } from '../helpers/test-engine';
import { checkoutCounterPerTest, done, TERMINAL } from './checkout-harness';
import { startSmtpCatcher } from './print-email/smtp-catcher';

/** Issue 14, counter side: pay links e-mailed as durable jobs through a real SMTP server, and "Links sent". */

const { setup, cleanups } = checkoutCounterPerTest();

const smtpEnv = (port: number) => ({
  KASSA_SMTP_HOST: '127.0.0.1',
  KASSA_SMTP_PORT: String(port),
  KASSA_SMTP_SECURE: 'none',
  KASSA_SMTP_FROM: 'Bloemenhandel <kassa@shop.test>',
});

async function catcher() {
  const server = await startSmtpCatcher();
  cleanups.push(server.close);
  return server;
}

/** A link for one invoice (the n-th usable one of a demo customer), at the counter or sent away. */
async function link(counter: TestEngine, minor: number, use: 'counter' | 'remote', nth = 0): Promise<PaymentDto> {
  const { customerId, invoices } = await customerWithInvoices(counter, nth + 1);
  const invoice = invoices[nth];
  if (!invoice) throw new Error('no invoice');
  return counter.call('payments.start', {
    requestId: randomUUID(),
    customerId,
    invoiceIds: [invoice.id],
    amount: { minor, currency: 'EUR' },
    terminalId: TERMINAL,
    linkUse: use,
  });
}

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('paylinks.email: the link as a durable e-mail job', () => {
  it('commits the job before sending, shows it in the jobs list while the server greylists, and delivers it once', async () => {
    const smtp = await catcher();
    smtp.answerNext({ code: 451, message: 'Greylisted, try again later' });
    const { counter } = await setup({ env: smtpEnv(smtp.port) });
    const payment = await link(counter, 12_50, 'remote');
    expect(payment.payLink?.use).toBe('remote');

    const job = await counter.call('paylinks.email', {
      paymentId: payment.id,
      to: 'inkoop@detulp.test',
      language: 'nl',
    });
    expect(job).toMatchObject({
      kind: 'email',
      purpose: 'payment-link',
      documentKind: 'payment',
      documentId: payment.id,
      target: 'inkoop@detulp.test',
    });
    // Committed before the first attempt: the row is there whatever the server says.
    expect(counter.engine.printEmail.jobs.get(job.id)).toBeDefined();

    const queued = await until(
      () => counter.call('jobs.list', {}),
      (jobs) => jobs.some((j) => j.id === job.id && j.status === 'waiting' && j.attempts === 1),
    );
    expect(queued.find((j) => j.id === job.id)?.lastError).toMatch(/451/);

    await until(
      () => counter.engine.printEmail.jobs.get(job.id)?.status,
      (status) => status === 'sent',
    );
    expect(smtp.caught).toHaveLength(1);
    const mail = smtp.caught[0];
    expect(mail?.envelopeTo).toEqual(['inkoop@detulp.test']);
    expect(mail?.parsed.messageId).toBe(job.messageId);
    expect(mail?.parsed.headers.get('content-language')).toBe('nl');
    const { companyName } = await counter.call('counter.settings', {});
    expect(mail?.parsed.subject).toBe(`Betaallink voor €\u00a012,50 – ${companyName}`);
    const invoice = payment.allocations[0]?.invoiceNumber ?? 'none';
    const expiry = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(
      new Date(payment.payLink?.expiresAt ?? 0),
    );
    expect(mail?.parsed.text).toContain(`U kunt €\u00a012,50 voor factuur ${invoice} veilig online betalen`);
    expect(mail?.parsed.text).toContain(`\n${payment.payLink?.url}\n`);
    expect(mail?.parsed.text).toContain(`De link is geldig tot ${expiry}.`);
    expect(mail?.parsed.text).toContain(`Referentie: ${payment.reference}`);

    // Sent jobs leave the queue, as receipts do, and stay in the payment's history.
    expect((await counter.call('jobs.list', {})).some((j) => j.id === job.id)).toBe(false);
    expect(await counter.call('receipts.history', { paymentId: payment.id })).toMatchObject([
      { id: job.id, purpose: 'payment-link', status: 'sent', attempts: 2 },
    ]);
    const [row] = await counter.call('paylinks.list', {});
    expect(row?.lastEmail).toMatchObject({ jobId: job.id, to: 'inkoop@detulp.test', status: 'sent' });
  });

  it('speaks English when asked, and refuses a link that can no longer be paid', async () => {
    const smtp = await catcher();
    const { counter, fake } = await setup({ env: smtpEnv(smtp.port) });
    const payment = await link(counter, 20_00, 'remote');
    const job = await counter.call('paylinks.email', { paymentId: payment.id, to: 'ap@buyer.test', language: 'en' });
    await until(
      () => counter.engine.printEmail.jobs.get(job.id)?.status,
      (status) => status === 'sent',
    );
    const { companyName } = await counter.call('counter.settings', {});
    expect(smtp.caught[0]?.parsed.subject).toBe(`Payment link for €20.00 – ${companyName}`);
    expect(smtp.caught[0]?.parsed.text).toContain('You can pay €20.00 for invoice');

    fake.pay(payment.reference);
    expect((await counter.waitForPayment(payment.id, done)).status).toBe('approved');
    const refused = await counter.refusal('paylinks.email', {
      paymentId: payment.id,
      to: 'ap@buyer.test',
      language: 'en',
    });
    expect(refused).toMatchObject({ code: 'paylink_not_open', params: { reference: payment.reference } });
    expect((await counter.refusal('paylinks.email', { paymentId: 'nope', to: 'a@b.test', language: 'en' })).code).toBe(
      'not_found',
    );
    expect(
      (await counter.refusal('paylinks.email', { paymentId: payment.id, to: 'not-an-address', language: 'en' })).code,
    ).toBe('invalid_request');
    expect(smtp.caught).toHaveLength(1);
  });
});

describe('paylinks.list: links sent and QR codes still waiting', () => {
  it('lists open links (sent or shown), then today’s ended sent links; an ended counter QR is gone', async () => {
    const { counter, fake } = await setup();
    const shown = await link(counter, 11_00, 'counter', 0);
    const sent = await link(counter, 12_00, 'remote', 1);
    const sentAndPaid = await link(counter, 13_00, 'remote', 2);
    const shownAndPaid = await link(counter, 14_00, 'counter', 3);
    fake.pay(sentAndPaid.reference);
    fake.pay(shownAndPaid.reference);
    await counter.waitForPayment(sentAndPaid.id, done);
    await counter.waitForPayment(shownAndPaid.id, done);

    const list = await counter.call('paylinks.list', {});
    expect(list.map((row) => [row.payment.reference, row.payment.status, row.payment.payLink?.use])).toEqual([
      [shown.reference, 'pending', 'counter'],
      [sent.reference, 'pending', 'remote'],
      [sentAndPaid.reference, 'approved', 'remote'],
    ]);
    const [open] = list;
    // The demo back-office holds the invoices for the back-office's longest hold, an hour.
    const held = Date.parse(open?.holdExpiresAt ?? '') - Date.parse(shown.createdAt);
    expect(held).toBe(3_600_000);
    expect(list[2]?.holdExpiresAt).toBeNull();
    expect(open).toMatchObject({ lastEmail: null, customerLanguage: expect.stringMatching(/^(nl|en)$/) });
    expect(open?.payment.allocations.map((a) => a.invoiceNumber)).toHaveLength(1);
  });
});

describe('invoice holds for pay links', () => {
  it('a link sent to the customer holds its invoices for as long as it can be paid (eight days), not a card’s ten minutes', async () => {
    const server = await startTestBackoffice({ customers: 10 });
    cleanups.push(async () => {
      await server.close();
      server.store.close();
    });
    const { counter } = await setup({ engine: { backoffice: counterConfig(server, 'C1') } });
    const payment = await link(counter, 15_00, 'remote');
    const hold = server.store.holds.holds().find((h) => h.paymentId === payment.id);
    expect(hold?.status).toBe('held');
    const seconds = (Date.parse(hold?.expiresAt ?? '') - Date.parse(payment.createdAt)) / 1_000;
    // The link is payable for a week; the hold outlasts it, so no other counter takes its invoices meanwhile.
    expect(seconds).toBeGreaterThan(7 * 24 * 3_600);
    expect(seconds).toBeLessThanOrEqual(8 * 24 * 3_600 + 1);
    const [row] = await counter.call('paylinks.list', {});
    expect(Math.abs(Date.parse(row?.holdExpiresAt ?? '') - Date.parse(hold?.expiresAt ?? ''))).toBeLessThan(2_000);
  });
});
