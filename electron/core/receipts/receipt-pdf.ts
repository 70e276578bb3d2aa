import PDFDocument from 'pdfkit';
import type { PaymentDto } from '../../../shared/api/schemas';
import { type Language, type MessageKey, translate } from '../../../shared/i18n/translate';
import { isCurrencyCode } from '../../../shared/money/currency';
import { formatMoney } from '../../../shared/money/format';

export interface ReceiptCompany {
  readonly name: string;
  readonly address: string;
  readonly vat: string;
}

export interface ReceiptCustomer {
  readonly name: string;
  readonly number: string;
  readonly city: string;
}

/**
 * The customer's proof of payment as an A4-width PDF. Card data is the brand and last four digits,
 * nothing more: that is all Kassa ever holds.
 */
export function renderReceiptPdf(input: {
  payment: PaymentDto;
  customer: ReceiptCustomer;
  company: ReceiptCompany;
  language: Language;
}): Promise<Buffer> {
  const { payment, customer, company, language } = input;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const currency = payment.amount.currency;
  const fmt = (minor: number) => (isCurrencyCode(currency) ? formatMoney(minor, currency, language) : `${minor}`);

  // Dated by the payment, not by the clock: the same receipt renders to the same bytes, which an
  // idempotent upload (same key, same body) depends on.
  const stamp = new Date(payment.updatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${t('receipt.title')} ${payment.reference}`,
      Author: company.name,
      Producer: 'Kassa',
      Creator: 'Kassa',
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(company.name);
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(company.address).text(`BTW/VAT ${company.vat}`);
  doc.moveDown(1.5).fillColor('#000').font('Helvetica-Bold').fontSize(16).text(t('receipt.title'));
  doc.moveDown(0.5).font('Helvetica').fontSize(10);

  const created = new Date(payment.updatedAt);
  const dateText = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(created);
  const details: [string, string][] = [
    [t('receipt.customer'), `${customer.name} (${customer.number}), ${customer.city}`],
    [t('receipt.date'), dateText],
    [t('receipt.status'), t(`label.${payment.status}` as const)],
    [t('receipt.method'), t(payment.method === 'mobile_request' ? 'receipt.methodMobilePay' : 'receipt.methodCard')],
    ...(payment.cardLast4
      ? ([[t('receipt.card'), `${payment.cardBrand ?? ''} **** ${payment.cardLast4}`.trim()]] as [string, string][])
      : []),
    ...(payment.method === 'mobile_request'
      ? ([
          [t('receipt.phone'), maskPhone(payment.phone)],
          [t('receipt.mobilePayRef'), payment.reference],
        ] as [string, string][])
      : ([[t('receipt.terminal'), `${payment.terminalName} (${payment.terminalId})`]] as [string, string][])),
    [t('receipt.providerRef'), payment.providerRef ?? '-'],
    [t('receipt.paymentId'), payment.id],
    [t('receipt.reference'), payment.reference],
  ];
  for (const [label, value] of details) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, 50, y, { width: 150 });
    doc.font('Helvetica').text(value, 200, y, { width: 345 });
    doc.moveDown(0.2);
  }

  doc.moveDown(1);
  const cols = { invoice: 50, applied: 300, remaining: 430 };
  const headerY = doc.y;
  doc.font('Helvetica-Bold');
  doc.text(t('receipt.invoice'), cols.invoice, headerY);
  doc.text(t('receipt.applied'), cols.applied, headerY, { width: 110, align: 'right' });
  doc.text(t('receipt.remaining'), cols.remaining, headerY, { width: 115, align: 'right' });
  doc
    .moveTo(50, doc.y + 2)
    .lineTo(545, doc.y + 2)
    .stroke('#999');
  doc.moveDown(0.4).font('Helvetica');
  for (const line of payment.allocations) {
    if (doc.y > 760) doc.addPage();
    const y = doc.y;
    doc.text(line.invoiceNumber, cols.invoice, y);
    doc.text(fmt(line.amountMinor), cols.applied, y, { width: 110, align: 'right' });
    doc.text(fmt(line.remainingMinor), cols.remaining, y, { width: 115, align: 'right' });
  }
  doc
    .moveTo(50, doc.y + 2)
    .lineTo(545, doc.y + 2)
    .stroke('#999');
  doc.moveDown(0.6);
  const totalY = doc.y;
  doc.font('Helvetica-Bold').fontSize(12).text(t('receipt.total'), cols.invoice, totalY);
  doc.text(fmt(payment.amount.minor), cols.applied, totalY, { width: 110, align: 'right' });
  if (payment.refundedMinor > 0) {
    doc.moveDown(0.4).font('Helvetica').fontSize(10);
    for (const refund of payment.refunds.filter((r) => r.status === 'succeeded')) {
      const y = doc.y;
      doc.text(`${t('receipt.refund')} — ${refund.reason}`, cols.invoice, y);
      doc.text(`-${fmt(refund.amount.minor)}`, cols.applied, y, { width: 110, align: 'right' });
    }
  }
  doc.moveDown(2).font('Helvetica').fontSize(10).text(t('receipt.thanks'), 50);
  if (payment.cardSlip && payment.cardSlip.length > 0) {
    // The terminal's own slip, as printed there (masked card number only), for the customer's file.
    doc.moveDown(1.5).font('Helvetica-Bold').text(t('receipt.cardSlip'), 50);
    doc.moveDown(0.3).font('Courier').fontSize(9);
    for (const line of payment.cardSlip) {
      if (doc.y > 780) doc.addPage();
      doc.text(line || ' ', 60);
    }
  }
  doc.end();
  return done;
}

/** The customer's number on paper: country code and the last digits only. */
function maskPhone(phone: string | null): string {
  if (!phone) return '-';
  return `+${phone.slice(0, phone.length - 8)} ···· ${phone.slice(-4)}`;
}
