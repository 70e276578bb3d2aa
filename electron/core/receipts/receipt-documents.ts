import type { PaymentDto } from '../../../shared/api/schemas';
import type { Language } from '../../../shared/i18n/translate';
import type { Db } from '../db/open-database';
import type { CustomerRepository } from '../repositories/customers';
import type { OutboxRepository } from '../repositories/outbox';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { RefundRepository } from '../repositories/refunds';
import type { SettingsRepository } from '../repositories/settings';
import type { ReceiptLanguage } from './receipt-language';
import { maskPhone, ReceiptModel, RefundReceiptModel } from './receipt-model';
import { renderReceiptPdf } from './receipt-pdf';
import { renderRefundReceiptPdf } from './refund-receipt-pdf';

export interface ReceiptDocumentDeps {
  db: Db;
  payments: PaymentRepository;
  refunds: RefundRepository;
  customers: CustomerRepository;
  settings: SettingsRepository;
  outbox: OutboxRepository;
  toDto: (row: PaymentRow) => PaymentDto;
}

/** Outbox kind of a refund's own document (PUT /v1/refunds/{refundId}/receipt). */
export const REFUND_RECEIPT_KIND = 'refund.receipt';

/**
 * Receipts are issued once and frozen: the payment's receipt in its approval's transaction, a
 * refund's document in the refund's. Everything that renders or uploads a receipt reads the frozen
 * model, so a retried upload sends the same bytes under the same Idempotency-Key.
 */
export function createReceiptDocuments(deps: ReceiptDocumentDeps) {
  const { db, payments, refunds, customers, settings, outbox } = deps;
  const insert = db.prepare(
    `INSERT INTO receipt_documents (id, kind, payment_id, issued_at, model) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO NOTHING`,
  );
  const byId = db.prepare<[string, string], { model: string }>(
    'SELECT model FROM receipt_documents WHERE id = ? AND kind = ?',
  );
  const uploaded = db.prepare<[string, string, string], { pdf: Buffer }>(
    'SELECT uploaded_pdf AS pdf FROM receipt_documents WHERE id = ? AND kind = ? AND uploaded_locale = ?',
  );
  const keepUploaded = db.prepare(
    'UPDATE receipt_documents SET uploaded_pdf = ?, uploaded_locale = ? WHERE id = ? AND kind = ? AND uploaded_pdf IS NULL',
  );

  /** The bytes for the back-office: rendered once, then the same bytes on every retry, whatever the app version. */
  async function forUpload(kind: 'payment' | 'refund', id: string, language: Language, render: () => Promise<Buffer>) {
    const earlier = uploaded.get(id, kind, language);
    if (earlier) return earlier.pdf;
    const pdf = await render();
    keepUploaded.run(pdf, language, id, kind);
    return uploaded.get(id, kind, language)?.pdf ?? pdf;
  }

  const company = () => ({
    name: settings.get('company.name') ?? 'Kassa',
    address: settings.get('company.address') ?? '',
    vat: settings.get('company.vat') ?? '',
    // Only when set, so receipts of shops without it keep their exact former shape.
    ...(settings.get('company.kvk') ? { kvk: settings.get('company.kvk') ?? '' } : {}),
  });
  const customerOf = (customerId: string) => {
    const customer = customers.get(customerId);
    return { name: customer?.name ?? '', number: customer?.number ?? '', city: customer?.city ?? '' };
  };

  function paymentModel(row: PaymentRow, approvedAt: string): ReceiptModel {
    const dto = deps.toDto(row);
    return {
      version: 1,
      paymentId: dto.id,
      reference: dto.reference,
      approvedAt,
      company: company(),
      customer: customerOf(dto.customerId),
      amount: dto.amount,
      method: dto.method,
      maskedPhone: maskPhone(dto.phone),
      terminal: { id: dto.terminalId, name: dto.terminalName },
      providerRef: dto.providerRef,
      card: dto.cardLast4 ? { brand: dto.cardBrand, last4: dto.cardLast4 } : null,
      allocations: dto.allocations.map((a) => ({
        invoiceNumber: a.invoiceNumber,
        amountMinor: a.amountMinor,
        remainingMinor: a.remainingMinor,
      })),
      cardSlip: dto.cardSlip,
    };
  }

  /** Called inside the approval's transaction (payment-ledger settle). */
  function paymentSettled(paymentId: string, at: string): void {
    const row = payments.get(paymentId);
    if (!row) return;
    insert.run(paymentId, 'payment', paymentId, at, JSON.stringify(paymentModel(row, at)));
  }

  /** Called inside the refund's transaction, after its payment.refunded message: the document follows it. */
  function refundRecorded(refundId: string, at: string): void {
    const refund = refunds.get(refundId);
    const row = refund && payments.get(refund.paymentId);
    if (!refund || !row) return;
    const paid = receiptOf(row);
    const model: RefundReceiptModel = {
      version: 1,
      refundId,
      paymentId: row.id,
      paymentReference: row.reference,
      paidAt: paid.approvedAt,
      refundedAt: at,
      company: company(),
      customer: customerOf(row.customerId),
      amount: { minor: refund.amountMinor, currency: refund.currency },
      paymentAmount: { minor: row.amountMinor, currency: row.currency },
      reason: refund.reason,
      providerRef: refund.providerRef,
      card: paid.card,
    };
    insert.run(refundId, 'refund', row.id, at, JSON.stringify(model));
    outbox.enqueue(
      {
        kind: REFUND_RECEIPT_KIND,
        aggregateId: row.id,
        idempotencyKey: `${refund.idempotencyKey}:receipt`,
        payload: { refundId, paymentId: row.id, locale: 'nl' },
      },
      at,
    );
  }

  /**
   * The frozen receipt. A payment approved before receipts were frozen is frozen now, dated by its
   * approval event; one not settled yet (paid after cancel, undecided) is shown as it stands.
   */
  function receiptOf(row: PaymentRow): ReceiptModel {
    const frozen = byId.get(row.id, 'payment');
    if (frozen) return ReceiptModel.parse(JSON.parse(frozen.model));
    const approvedAt =
      payments.events(row.id).find((e) => e.toStatus === 'approved' && e.outcome === 'moved')?.at ?? row.updatedAt;
    const model = paymentModel(row, approvedAt);
    const settled = payments.allocations(row.id).some((line) => line.applied);
    if (settled) insert.run(row.id, 'payment', row.id, approvedAt, JSON.stringify(model));
    return model;
  }

  /** `asItStands`: the counter's copy marks a voided payment; the back-office's copy stays as frozen. */
  function renderPaymentReceipt(paymentId: string, language: ReceiptLanguage, asItStands = true): Promise<Buffer> {
    const row = payments.get(paymentId);
    if (!row) throw new Error(`no payment ${paymentId}`);
    return renderReceiptPdf({ receipt: receiptOf(row), language, voided: asItStands && row.status === 'voided' });
  }

  function renderRefundReceipt(refundId: string, language: ReceiptLanguage): Promise<Buffer> {
    const frozen = byId.get(refundId, 'refund');
    if (!frozen) throw new Error(`no refund receipt ${refundId}`);
    return renderRefundReceiptPdf({ refund: RefundReceiptModel.parse(JSON.parse(frozen.model)), language });
  }

  /** The frozen models themselves, for the other layouts (e-mail text, thermal slip). */
  function paymentReceiptModel(paymentId: string): ReceiptModel {
    const row = payments.get(paymentId);
    if (!row) throw new Error(`no payment ${paymentId}`);
    return receiptOf(row);
  }
  function refundReceiptModel(refundId: string): RefundReceiptModel {
    const frozen = byId.get(refundId, 'refund');
    if (!frozen) throw new Error(`no refund receipt ${refundId}`);
    return RefundReceiptModel.parse(JSON.parse(frozen.model));
  }

  return {
    /** A same-day void: every copy printed or shown at the counter from now on says so. */
    paymentVoided: (paymentId: string): boolean => payments.get(paymentId)?.status === 'voided',
    paymentSettled,
    paymentReceiptModel,
    refundReceiptModel,
    refundRecorded,
    renderPaymentReceipt,
    renderRefundReceipt,
    paymentReceiptForUpload: (paymentId: string, language: Language) =>
      forUpload('payment', paymentId, language, () => renderPaymentReceipt(paymentId, language, false)),
    refundReceiptForUpload: (refundId: string, language: Language) =>
      forUpload('refund', refundId, language, () => renderRefundReceipt(refundId, language)),
  };
}

export type ReceiptDocuments = ReturnType<typeof createReceiptDocuments>;
