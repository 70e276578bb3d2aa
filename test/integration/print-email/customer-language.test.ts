import { afterEach, describe, expect, it } from 'vitest';
import { isFinal, startInput, startTestEngine, type TestEngine } from '../../helpers/test-engine';
import { startSmtpCatcher } from './smtp-catcher';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** A demo customer pulled from the back-office with this language, an e-mail address and an open invoice. */
async function customerSpeaking(t: TestEngine, language: string | null) {
  for (const query of ['b', 'k', 't', 'a', 'e', 'o']) {
    const hits = await t.call('customers.search', { query });
    const hit = hits.find(
      (h) =>
        h.openInvoiceCount >= 1 &&
        h.number !== '100001' &&
        t.engine.printEmail.customerEmail(h.id) &&
        t.engine.printEmail.customerLanguage(h.id) === (language ?? 'nl'),
    );
    if (!hit) continue;
    const card = await t.call('customers.card', { customerId: hit.id });
    if ((card.language ?? null) === language) return hit;
  }
  throw new Error(`no demo customer speaking ${language}`);
}

describe("the customer's language from the back-office", () => {
  it('an automation e-mails a German customer in German; a customer without a language gets Dutch', async () => {
    const server = await startSmtpCatcher();
    open.push(server);
    const t = await startTestEngine({
      env: { KASSA_SMTP_HOST: '127.0.0.1', KASSA_SMTP_PORT: String(server.port), KASSA_SMTP_SECURE: 'none' },
    });
    open.push(t);
    await t.call('automations.emailEveryReceipt', {});

    const german = await customerSpeaking(t, 'de');
    const [invoice] = await t.call('invoices.open', { customerId: german.id });
    if (!invoice) throw new Error('no invoice');
    const started = await t.call('payments.start', startInput(german.id, [invoice.id], invoice.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    expect(paid.status).toBe('approved');

    const deadline = Date.now() + 15_000;
    while (server.caught.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const mail = server.caught[0];
    expect(mail?.envelopeTo).toEqual([t.engine.printEmail.customerEmail(german.id)]);
    expect(mail?.parsed.headers.get('content-language')).toBe('de');
    expect(mail?.parsed.subject).toContain(`Zahlungsbeleg ${paid.reference}`);
    expect(mail?.parsed.text).toContain('Anbei erhalten Sie den Beleg');
    const receipt = await t.engine.printEmail.receiptPdf(paid.id, 'de');
    expect(Buffer.compare(mail?.parsed.attachments[0]?.content ?? Buffer.alloc(0), receipt)).toBe(0);
    // The cashier's send form starts in the customer's language too.
    expect(await t.call('receipts.emailDefaults', { paymentId: paid.id })).toMatchObject({ language: 'de' });

    const dutch = await customerSpeaking(t, null);
    expect(t.engine.printEmail.customerLanguage(dutch.id)).toBe('nl');
  });
});
