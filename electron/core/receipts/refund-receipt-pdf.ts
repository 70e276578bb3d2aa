import type { MessageKey } from '../../../shared/i18n/translate';
import { dateText, detailRows, letterhead, moneyFormatter, startDocument } from './pdf-layout';
import { type ReceiptLanguage, receiptText } from './receipt-language';
import type { RefundReceiptModel } from './receipt-model';

/** A refund's own document: what was given back, when, and for which payment. Dated by the refund. */
export function renderRefundReceiptPdf(input: {
  refund: RefundReceiptModel;
  language: ReceiptLanguage;
}): Promise<Buffer> {
  const { refund, language } = input;
  const t = (key: MessageKey, params?: Record<string, string | number>) => receiptText(language, key, params);
  const fmt = moneyFormatter(refund.amount.currency, language);
  const { doc, done } = startDocument(
    `${t('refundReceipt.title')} ${refund.paymentReference}`,
    refund.company.name,
    refund.refundedAt,
  );
  letterhead(doc, refund.company, t('refundReceipt.title'));
  const { customer } = refund;
  detailRows(doc, [
    [t('receipt.customer'), `${customer.name} (${customer.number}), ${customer.city}`],
    [t('refundReceipt.date'), dateText(refund.refundedAt, language)],
    [t('refundReceipt.amount'), `-${fmt(refund.amount.minor)}`],
    [t('refundReceipt.reason'), refund.reason],
    [t('refundReceipt.original'), `${refund.paymentReference} (${fmt(refund.paymentAmount.minor)})`],
    [t('refundReceipt.originalDate'), dateText(refund.paidAt, language)],
    ...(refund.card
      ? ([[t('receipt.card'), `${refund.card.brand ?? ''} **** ${refund.card.last4}`.trim()]] as const)
      : []),
    [t('receipt.providerRef'), refund.providerRef ?? '-'],
    [t('refundReceipt.refundId'), refund.refundId],
    [t('receipt.paymentId'), refund.paymentId],
  ]);
  doc.moveDown(2).font('Helvetica').fontSize(10).text(t('refundReceipt.note'), 50);
  doc.end();
  return done;
}
