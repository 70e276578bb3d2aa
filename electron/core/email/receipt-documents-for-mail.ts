import { dateText, moneyFormatter } from '../receipts/pdf-layout';
import type { ReceiptDocuments } from '../receipts/receipt-documents';
import type { ReceiptLanguage } from '../receipts/receipt-language';
import type { MailDocument } from './receipt-mail';

/** The frozen document for a receipt e-mail: its PDF and the few facts the short body repeats. */
export function mailDocumentLoader(documents: ReceiptDocuments) {
  return async (kind: 'payment' | 'refund', id: string, language: ReceiptLanguage): Promise<MailDocument> => {
    if (kind === 'payment') {
      const model = documents.paymentReceiptModel(id);
      return {
        kind,
        reference: model.reference,
        shopName: model.company.name,
        amountText: moneyFormatter(model.amount.currency, language)(model.amount.minor),
        dateText: dateText(model.approvedAt, language),
        pdf: await documents.renderPaymentReceipt(id, language),
      };
    }
    const model = documents.refundReceiptModel(id);
    return {
      kind,
      reference: model.paymentReference,
      shopName: model.company.name,
      amountText: moneyFormatter(model.amount.currency, language)(model.amount.minor),
      dateText: dateText(model.refundedAt, language),
      pdf: await documents.renderRefundReceipt(id, language),
    };
  };
}
