import type { MessageKey } from '../../../shared/i18n/translate';
import { dateText, detailRows, letterhead, moneyFormatter, startDocument } from './pdf-layout';
import { type ReceiptLanguage, receiptText } from './receipt-language';
import type { ReceiptModel } from './receipt-model';

/**
 * The customer's proof of payment as an A4-width PDF, from the receipt frozen at approval: dated
 * by the approval, showing the payment as approved. A later refund gets its own document
 * (refund-receipt-pdf.ts). Card data is the brand and last four digits, nothing more.
 */
export function renderReceiptPdf(input: {
  receipt: ReceiptModel;
  language: ReceiptLanguage;
  /** A same-day void after approval: the copy shown at the counter says so; the frozen upload does not change. */
  voided?: boolean;
}): Promise<Buffer> {
  const { receipt, language } = input;
  const t = (key: MessageKey, params?: Record<string, string | number>) => receiptText(language, key, params);
  const fmt = moneyFormatter(receipt.amount.currency, language);
  const { doc, done } = startDocument(
    `${t('receipt.title')} ${receipt.reference}`,
    receipt.company.name,
    receipt.approvedAt,
  );
  letterhead(doc, receipt.company, t('receipt.title'));

  const { customer } = receipt;
  const mobile = receipt.method === 'mobile_request';
  detailRows(doc, [
    [t('receipt.customer'), `${customer.name} (${customer.number}), ${customer.city}`],
    [t('receipt.date'), dateText(receipt.approvedAt, language)],
    [t('receipt.status'), t(input.voided ? 'label.voided' : 'label.approved')],
    [
      t('receipt.method'),
      t(
        mobile
          ? 'receipt.methodMobilePay'
          : receipt.method === 'payment_link'
            ? 'method.payment_link'
            : 'receipt.methodCard',
      ),
    ],
    ...(receipt.card
      ? ([[t('receipt.card'), `${receipt.card.brand ?? ''} **** ${receipt.card.last4}`.trim()]] as const)
      : []),
    ...(mobile
      ? ([
          [t('receipt.phone'), receipt.maskedPhone ?? '-'],
          [t('receipt.mobilePayRef'), receipt.reference],
        ] as const)
      : ([[t('receipt.terminal'), `${receipt.terminal.name} (${receipt.terminal.id})`]] as const)),
    [t('receipt.providerRef'), receipt.providerRef ?? '-'],
    [t('receipt.paymentId'), receipt.paymentId],
    [t('receipt.reference'), receipt.reference],
  ]);

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
  for (const line of receipt.allocations) {
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
  doc.text(fmt(receipt.amount.minor), cols.applied, totalY, { width: 110, align: 'right' });
  doc.moveDown(2).font('Helvetica').fontSize(10).text(t('receipt.thanks'), 50);
  if (receipt.cardSlip && receipt.cardSlip.length > 0) {
    // The terminal's own slip, as printed there (masked card number only), for the customer's file.
    doc.moveDown(1.5).font('Helvetica-Bold').text(t('receipt.cardSlip'), 50);
    doc.moveDown(0.3).font('Courier').fontSize(9);
    for (const line of receipt.cardSlip) {
      if (doc.y > 780) doc.addPage();
      doc.text(line || ' ', 60);
    }
  }
  doc.end();
  return done;
}
