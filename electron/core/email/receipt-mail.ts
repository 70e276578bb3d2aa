import type { ReceiptLanguage } from '../receipts/receipt-language';

/** What a receipt e-mail needs to know about its document. */
export interface MailDocument {
  kind: 'payment' | 'refund';
  reference: string;
  shopName: string;
  amountText: string;
  dateText: string;
  pdf: Buffer;
}

type Texts = {
  subject: Record<MailDocument['kind'], string>;
  body: Record<MailDocument['kind'], string>;
  greeting: string;
  closing: string;
  testSubject: string;
  testBody: string;
};

/** Short on purpose: the PDF is the receipt, the mail only says what it is. */
const TEXTS: Record<ReceiptLanguage, Texts> = {
  nl: {
    subject: { payment: 'Betalingsbewijs {reference} – {shop}', refund: 'Terugbetalingsbewijs {reference} – {shop}' },
    body: {
      payment: 'In de bijlage vindt u het bewijs van uw betaling van {amount} op {date} (referentie {reference}).',
      refund: 'In de bijlage vindt u het bewijs van de terugbetaling van {amount} op {date} (referentie {reference}).',
    },
    greeting: 'Beste klant,',
    closing: 'Met vriendelijke groet,',
    testSubject: 'Kassa: test-e-mail',
    testBody: 'Deze test-e-mail laat zien dat Kassa via deze mailserver kan verzenden.',
  },
  en: {
    subject: { payment: 'Payment receipt {reference} – {shop}', refund: 'Refund receipt {reference} – {shop}' },
    body: {
      payment: 'Attached is the receipt for your payment of {amount} on {date} (reference {reference}).',
      refund: 'Attached is the receipt for the refund of {amount} on {date} (reference {reference}).',
    },
    greeting: 'Dear customer,',
    closing: 'Kind regards,',
    testSubject: 'Kassa: test e-mail',
    testBody: 'This test e-mail shows that Kassa can send through this mail server.',
  },
  de: {
    subject: { payment: 'Zahlungsbeleg {reference} – {shop}', refund: 'Erstattungsbeleg {reference} – {shop}' },
    body: {
      payment: 'Anbei erhalten Sie den Beleg für Ihre Zahlung von {amount} am {date} (Referenz {reference}).',
      refund: 'Anbei erhalten Sie den Beleg für die Erstattung von {amount} am {date} (Referenz {reference}).',
    },
    greeting: 'Sehr geehrte Kundin, sehr geehrter Kunde,',
    closing: 'Mit freundlichen Grüßen',
    testSubject: 'Kassa: Test-E-Mail',
    testBody: 'Diese Test-E-Mail zeigt, dass Kassa über diesen Mailserver senden kann.',
  },
  da: {
    subject: {
      payment: 'Betalingskvittering {reference} – {shop}',
      refund: 'Refusionskvittering {reference} – {shop}',
    },
    body: {
      payment: 'Vedhæftet er kvitteringen for din betaling på {amount} den {date} (reference {reference}).',
      refund: 'Vedhæftet er kvitteringen for refusionen på {amount} den {date} (reference {reference}).',
    },
    greeting: 'Kære kunde,',
    closing: 'Venlig hilsen',
    testSubject: 'Kassa: test-e-mail',
    testBody: 'Denne test-e-mail viser, at Kassa kan sende via denne mailserver.',
  },
};

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export function receiptMailTexts(document: MailDocument, language: ReceiptLanguage): { subject: string; text: string } {
  const t = TEXTS[language];
  const values = {
    reference: document.reference,
    shop: document.shopName,
    amount: document.amountText,
    date: document.dateText,
  };
  return {
    subject: fill(t.subject[document.kind], values),
    text: `${t.greeting}\n\n${fill(t.body[document.kind], values)}\n\n${t.closing}\n${document.shopName}\n`,
  };
}

export function testMailTexts(language: ReceiptLanguage): { subject: string; text: string } {
  return { subject: TEXTS[language].testSubject, text: `${TEXTS[language].testBody}\n` };
}
