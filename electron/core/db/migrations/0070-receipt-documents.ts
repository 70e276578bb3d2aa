import type { Migration } from '../types';

/**
 * Receipts frozen when they are issued: the payment's receipt as it stood at approval, and each
 * refund's own document. Delivery renders from these, so a retried upload is the same bytes even
 * after a refund, a renamed customer or a changed letterhead.
 */
export const m0070ReceiptDocuments: Migration = {
  version: 70,
  name: 'receipt-documents',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_documents (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
        payment_id TEXT NOT NULL REFERENCES payments(id),
        issued_at TEXT NOT NULL,
        model TEXT NOT NULL,
        -- The bytes first sent to the back-office: a retry after an app update sends them again.
        uploaded_pdf BLOB,
        uploaded_locale TEXT
      ) STRICT;
      CREATE INDEX receipt_documents_by_payment ON receipt_documents(payment_id);
    `);
  },
};
