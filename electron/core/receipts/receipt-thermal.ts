import { type CodePage, EscPosEncoder } from '../printing/escpos-encoder';
import { dateText, moneyFormatter } from './pdf-layout';
import { type ReceiptLanguage, receiptText } from './receipt-language';
import type { ReceiptModel, RefundReceiptModel } from './receipt-model';

export type PaperWidth = 80 | 58;
/** Font A columns: 48 on 80 mm paper, 32 on 58 mm. */
const COLUMNS: Record<PaperWidth, number> = { 80: 48, 58: 32 };
const COPY: Record<ReceiptLanguage, string> = { nl: 'KOPIE', en: 'COPY', de: 'KOPIE', da: 'KOPI' };

export interface ThermalOptions {
  language: ReceiptLanguage;
  width: PaperWidth;
  codePage: CodePage;
  /** A reprint: the same receipt, marked as a copy. */
  copy: boolean;
  openDrawer: boolean;
  /** The station that printed it (the frozen model knows the terminal, not the counter). */
  station: string;
  /** The payment was voided the same day: the counter's copy says so, large, above the total. */
  voided?: boolean;
}

/** Plain spaces: some printers print U+00A0 (from Intl) as a visible glyph. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function columns(left: string, right: string, width: number): string {
  const room = Math.max(1, width - right.length);
  const head = left.length > room - 1 ? `${left.slice(0, room - 2)}…` : left;
  return head.padEnd(room, ' ') + right;
}

/**
 * The same frozen receipt as the A4 PDF, laid out for an 80 mm or 58 mm counter printer: shop,
 * station, date, customer, each invoice with what was applied and what stays open, method and card,
 * references, a large bold total and a QR code of the payment reference.
 */
export function thermalReceipt(receipt: ReceiptModel, options: ThermalOptions): Buffer {
  const width = COLUMNS[options.width];
  const t = (key: Parameters<typeof receiptText>[1]) => receiptText(options.language, key);
  const money = (minor: number) => plain(moneyFormatter(receipt.amount.currency, options.language)(minor));
  const pair = (label: string, value: string) => columns(label, value, width);
  const rule = '-'.repeat(width);
  const p = new EscPosEncoder().initialize(options.codePage);

  p.align('center')
    .bold(true)
    .size(2, 2)
    .line(receipt.company.name.slice(0, width / 2));
  p.size(1, 1).bold(false);
  for (const part of receipt.company.address.split(/,\s*/)) if (part) p.line(part.slice(0, width));
  if (receipt.company.vat) p.line(`BTW/VAT ${receipt.company.vat}`);
  if (receipt.company.kvk) p.line(`KvK ${receipt.company.kvk}`);
  p.line().bold(true).line(t('receipt.title'));
  if (options.copy) p.size(2, 1).line(`*** ${COPY[options.language]} ***`).size(1, 1);
  if (options.voided)
    p.size(2, 2)
      .line(`*** ${t('label.voided').toUpperCase()} ***`)
      .size(1, 1);
  p.bold(false).align('left').line(rule);
  p.line(pair(t('receipt.date'), plain(dateText(receipt.approvedAt, options.language))));
  p.line(pair('Station', options.station));
  p.line(pair(t('receipt.customer'), `${receipt.customer.name} (${receipt.customer.number})`));
  p.line(rule)
    .bold(true)
    .line(pair(t('receipt.invoice'), t('receipt.applied')))
    .bold(false);
  for (const line of receipt.allocations) {
    p.line(pair(line.invoiceNumber, money(line.amountMinor)));
    if (line.remainingMinor > 0) p.line(pair(`  ${t('receipt.remaining')}`, money(line.remainingMinor)));
  }
  p.line(rule)
    .bold(true)
    .size(1, 2)
    .line(pair(t('receipt.total'), money(receipt.amount.minor)))
    .size(1, 1)
    .bold(false);
  p.line(rule);
  const mobile = receipt.method === 'mobile_request';
  p.line(pair(t('receipt.method'), t(mobile ? 'receipt.methodMobilePay' : 'receipt.methodCard')));
  if (receipt.card) p.line(pair(t('receipt.card'), `${receipt.card.brand ?? ''} **** ${receipt.card.last4}`.trim()));
  if (mobile) p.line(pair(t('receipt.phone'), receipt.maskedPhone ?? '-'));
  else p.line(pair(t('receipt.terminal'), receipt.terminal.name));
  p.line(t('receipt.providerRef')).line(`  ${receipt.providerRef ?? '-'}`);
  p.line(pair(t('receipt.reference'), receipt.reference));
  p.line()
    .align('center')
    .qr(receipt.reference, options.width === 80 ? 6 : 4)
    .line();
  p.line(t('receipt.thanks')).feed(3).cut();
  if (options.openDrawer) p.openDrawer();
  return p.encode();
}

/** A refund's own document on the counter printer: what was given back, when, for which payment. */
export function thermalRefundReceipt(refund: RefundReceiptModel, options: ThermalOptions): Buffer {
  const width = COLUMNS[options.width];
  const t = (key: Parameters<typeof receiptText>[1]) => receiptText(options.language, key);
  const money = (minor: number) => plain(moneyFormatter(refund.amount.currency, options.language)(minor));
  const pair = (label: string, value: string) => columns(label, value, width);
  const p = new EscPosEncoder().initialize(options.codePage);
  p.align('center')
    .bold(true)
    .size(2, 2)
    .line(refund.company.name.slice(0, width / 2))
    .size(1, 1)
    .bold(false);
  if (refund.company.vat) p.line(`BTW/VAT ${refund.company.vat}`);
  if (refund.company.kvk) p.line(`KvK ${refund.company.kvk}`);
  p.line().bold(true).line(t('refundReceipt.title'));
  if (options.copy) p.size(2, 1).line(`*** ${COPY[options.language]} ***`).size(1, 1);
  p.bold(false).align('left').line('-'.repeat(width));
  p.line(pair(t('refundReceipt.date'), plain(dateText(refund.refundedAt, options.language))));
  p.line(pair('Station', options.station));
  p.line(pair(t('receipt.customer'), `${refund.customer.name} (${refund.customer.number})`));
  p.line(pair(t('refundReceipt.original'), refund.paymentReference));
  p.line(pair(t('refundReceipt.originalDate'), plain(dateText(refund.paidAt, options.language))));
  if (refund.card) p.line(pair(t('receipt.card'), `${refund.card.brand ?? ''} **** ${refund.card.last4}`.trim()));
  p.line(pair(t('refundReceipt.reason'), refund.reason));
  p.line('-'.repeat(width))
    .bold(true)
    .size(1, 2)
    .line(pair(t('refundReceipt.amount'), `-${money(refund.amount.minor)}`));
  p.size(1, 1).bold(false).line('-'.repeat(width)).line(t('refundReceipt.note'));
  p.line()
    .align('center')
    .qr(refund.paymentReference, options.width === 80 ? 6 : 4)
    .feed(3)
    .cut();
  return p.encode();
}
