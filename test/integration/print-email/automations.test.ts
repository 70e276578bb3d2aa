import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../electron/core/automations/webhook-channel';
import type { PaymentRow } from '../../../electron/core/repositories/payments';
import { isFinal, startInput, startTestEngine, type TestEngine } from '../../helpers/test-engine';
import { startSmtpCatcher } from './smtp-catcher';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** Pays the first open invoice of a demo customer the back-office knows an e-mail address for. */
async function pay(t: TestEngine, skip = 0) {
  const hits = await t.call('customers.search', { query: 'b' });
  const withMail = hits.filter((h) => h.openInvoiceCount >= 1 && t.engine.printEmail.customerEmail(h.id));
  const customer = withMail[skip];
  if (!customer) throw new Error('no demo customer with an e-mail address');
  const [invoice] = await t.call('invoices.open', { customerId: customer.id });
  if (!invoice) throw new Error('no invoice');
  const started = await t.call('payments.start', startInput(customer.id, [invoice.id], invoice.outstandingMinor));
  const paid = await t.waitForPayment(started.id, isFinal);
  expect(paid.status).toBe('approved');
  return { paid, email: t.engine.printEmail.customerEmail(customer.id) };
}

async function eventually(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('automations', () => {
  it('none by default; one click and the next approval e-mails the customer, once', async () => {
    const server = await startSmtpCatcher();
    open.push(server);
    const t = await startTestEngine({
      env: { KASSA_SMTP_HOST: '127.0.0.1', KASSA_SMTP_PORT: String(server.port), KASSA_SMTP_SECURE: 'none' },
    });
    open.push(t);
    expect(await t.call('automations.list', {})).toEqual([]);
    const before = await pay(t, 0);
    expect(await t.call('receipts.history', { paymentId: before.paid.id })).toEqual([]);

    const rules = await t.call('automations.emailEveryReceipt', {});
    expect(rules).toMatchObject([{ enabled: true, event: 'approved', action: 'email_customer' }]);
    expect(await t.call('automations.emailEveryReceipt', {})).toHaveLength(1);

    const { paid, email } = await pay(t, 1);
    await eventually(() => server.caught.length === 1);
    expect(server.caught[0]?.envelopeTo).toEqual([email]);
    expect(server.caught[0]?.parsed.subject).toContain(paid.reference);
    expect(server.caught[0]?.parsed.attachments).toHaveLength(1);
    // The same change seen again (recovery, a repeated status) does not queue a second mail.
    t.engine.printEmail.paymentChanged({
      id: paid.id,
      status: 'approved',
      customerId: paid.customerId,
      refundedMinor: 0,
      reference: paid.reference,
      amountMinor: paid.amount.minor,
      currency: paid.amount.currency,
    } as PaymentRow);
    const row = t.engine.printEmail.jobs.forDocument(paid.id)[0];
    const history = await t.call('receipts.history', { paymentId: paid.id });
    expect(history).toHaveLength(1);
    expect(history[0]?.purpose).toBe('automation:approved');
    expect(row?.messageId).toMatch(/^<auto-/);
  });

  it('POSTs a signed JSON event in the Standard Webhooks style, retried under the same webhook-id', async () => {
    const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(seen.length === 1 ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => receiver.close(() => resolve())) });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kassa`;

    const t = await startTestEngine();
    open.push(t);
    await t.call('automations.save', {
      rules: [{ enabled: true, event: 'approved', action: 'webhook', target: url }],
    });
    const { secret } = await t.call('automations.rotateWebhookSecret', {});
    expect(secret).toMatch(/^whsec_/);
    const { paid } = await pay(t, 0);
    await eventually(() => seen.length === 2);

    const [first, second] = seen;
    expect(first?.headers['webhook-id']).toBe(second?.headers['webhook-id']);
    expect(first?.body).toBe(second?.body);
    const event = JSON.parse(second?.body ?? '{}') as { type: string; data: { paymentId: string } };
    expect(event).toMatchObject({ type: 'payment.approved', data: { paymentId: paid.id } });
    const id = String(second?.headers['webhook-id']);
    const timestamp = Number(second?.headers['webhook-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(second?.headers['webhook-signature']).toBe(signWebhook(secret, id, timestamp, second?.body ?? ''));
    const [job] = await t.call('receipts.history', { paymentId: paid.id });
    await eventually(() => t.engine.printEmail.jobs.get(job?.id ?? '')?.status === 'sent');
  });
});
