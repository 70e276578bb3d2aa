import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { sandboxAmount } from '../helpers/sandbox-payment';
import {
  customerWithOpenInvoices,
  isFinal,
  startInput,
  startTestEngine,
  type TestEngine,
} from '../helpers/test-engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t.close());

describe('the PDF receipt', () => {
  it('shows company, customer, each invoice with applied and remaining, total, card last 4 and all references', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 2);
    const [a, b] = invoices;
    if (!a || !b) throw new Error('need invoices');
    let amount = a.outstandingMinor + 1_000;
    if (amount % 100 >= 5 && amount % 100 <= 9) amount += 10;
    const started = await t.call('payments.start', startInput(customer.id, [a.id, b.id], amount));
    const paid = await t.waitForPayment(started.id, isFinal);
    expect(paid.status).toBe('approved');

    const file = await t.call('receipts.pdf', { paymentId: paid.id, locale: 'nl' });
    expect(file.fileName).toBe(`receipt-${paid.reference}.pdf`);
    const text = pdfText(file.base64);
    expect(text).toContain('Bloemenhandel De Kas B.V.');
    expect(text).toContain('Betalingsbewijs');
    expect(text).toContain(customer.name);
    expect(text).toContain(a.number);
    expect(text).toContain(b.number);
    const euro = (minor: number) =>
      new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
        .format(minor / 100)
        .replace(/\u00a0/g, ' ');
    expect(text.replace(/\u00a0/g, ' ')).toContain(euro(amount));
    expect(text).toContain(`**** ${paid.cardLast4}`);
    expect(text).toContain(paid.terminalId);
    expect(text).toContain(paid.providerRef ?? 'missing');
    expect(text).toContain(paid.id);
    // Apart from Kassa's own ids, no long digit run that could be a card number is printed.
    const withoutIds = text.replaceAll(paid.id, '').replaceAll(paid.reference, '');
    expect(withoutIds).not.toMatch(/\d{12,19}/);
  });

  it('renders to the same bytes every time, so a retried upload is the same request', async () => {
    const today = await t.call('payments.today', {});
    const paid = today.find((p) => p.status === 'approved');
    if (!paid) throw new Error('no approved payment');
    const first = await t.call('receipts.pdf', { paymentId: paid.id, locale: 'nl' });
    await new Promise((r) => setTimeout(r, 1_100));
    const second = await t.call('receipts.pdf', { paymentId: paid.id, locale: 'nl' });
    expect(second.base64).toBe(first.base64);
  });

  it('is produced in English too', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1, 1);
    const [a] = invoices;
    if (!a) throw new Error('need invoice');
    const started = await t.call('payments.start', startInput(customer.id, [a.id], a.outstandingMinor));
    const paid = await t.waitForPayment(started.id, isFinal);
    const text = pdfText((await t.call('receipts.pdf', { paymentId: paid.id, locale: 'en' })).base64);
    expect(text).toContain('Payment receipt');
    expect(text).toContain('Total paid');
  });

  it('is refused for a payment that took no money', async () => {
    const { customer, invoices } = await customerWithOpenInvoices(t, 1, 2);
    const a = invoices.find((i) => i.outstandingMinor > 200);
    if (!a) throw new Error('need invoice');
    const declined = sandboxAmount(a.outstandingMinor, 5);
    const started = await t.call('payments.start', startInput(customer.id, [a.id], declined));
    await t.waitForPayment(started.id, isFinal);
    expect((await t.refusal('receipts.pdf', { paymentId: started.id, locale: 'en' })).code).toBe('not_found');
  });
});
