import { type Language, type MessageKey, translate } from '../../../shared/i18n/translate';
import { isCurrencyCode } from '../../../shared/money/currency';
import { formatMoney } from '../../../shared/money/format';

/**
 * The languages a receipt is issued in. The app itself speaks Dutch and English; the trade's buyers
 * come from across Europe, so the customer's documents (and only those) also speak German and Danish.
 */
export const RECEIPT_LANGUAGES = ['nl', 'en', 'de', 'da'] as const;
export type ReceiptLanguage = (typeof RECEIPT_LANGUAGES)[number];

type ReceiptKey = Extract<
  MessageKey,
  `receipt.${string}` | `refundReceipt.${string}` | 'label.approved' | 'label.voided'
>;

const de: Record<ReceiptKey, string> = {
  'label.approved': 'Genehmigt',
  'label.voided': 'Storniert',
  'receipt.title': 'Zahlungsbeleg',
  'receipt.customer': 'Kunde',
  'receipt.invoice': 'Rechnung',
  'receipt.applied': 'Bezahlt',
  'receipt.remaining': 'Noch offen',
  'receipt.total': 'Gesamt bezahlt',
  'receipt.method': 'Zahlungsart',
  'receipt.methodCard': 'Kartenzahlung am Terminal',
  'receipt.card': 'Karte',
  'receipt.terminal': 'Terminal',
  'receipt.providerRef': 'Transaktion des Anbieters',
  'receipt.paymentId': 'Kassa-Zahlung',
  'receipt.reference': 'Referenz',
  'receipt.date': 'Datum',
  'receipt.status': 'Status',
  'receipt.thanks': 'Vielen Dank für Ihre Zahlung.',
  'receipt.methodMobilePay': 'MobilePay-Anfrage',
  'receipt.phone': 'Telefon',
  'receipt.mobilePayRef': 'MobilePay-Referenz',
  'receipt.refund': 'Erstattet',
  'receipt.cardSlip': 'Kartenbeleg',
  'refundReceipt.title': 'Erstattungsbeleg',
  'refundReceipt.date': 'Erstattet am',
  'refundReceipt.original': 'Zur Zahlung',
  'refundReceipt.originalDate': 'Bezahlt am',
  'refundReceipt.amount': 'Erstattet',
  'refundReceipt.reason': 'Grund',
  'refundReceipt.refundId': 'Kassa-Erstattung',
  'refundReceipt.note': 'Dieser Betrag wurde auf die Karte oder das Konto zurückgezahlt, mit dem bezahlt wurde.',
};

const da: Record<ReceiptKey, string> = {
  'label.approved': 'Godkendt',
  'label.voided': 'Annulleret',
  'receipt.title': 'Betalingskvittering',
  'receipt.customer': 'Kunde',
  'receipt.invoice': 'Faktura',
  'receipt.applied': 'Betalt',
  'receipt.remaining': 'Udestående',
  'receipt.total': 'I alt betalt',
  'receipt.method': 'Betalingsmåde',
  'receipt.methodCard': 'Kortbetaling på terminal',
  'receipt.card': 'Kort',
  'receipt.terminal': 'Terminal',
  'receipt.providerRef': 'Udbyderens transaktion',
  'receipt.paymentId': 'Kassa-betaling',
  'receipt.reference': 'Reference',
  'receipt.date': 'Dato',
  'receipt.status': 'Status',
  'receipt.thanks': 'Tak for din betaling.',
  'receipt.methodMobilePay': 'MobilePay-anmodning',
  'receipt.phone': 'Telefon',
  'receipt.mobilePayRef': 'MobilePay-reference',
  'receipt.refund': 'Refunderet',
  'receipt.cardSlip': 'Kortkvittering',
  'refundReceipt.title': 'Refusionskvittering',
  'refundReceipt.date': 'Refunderet den',
  'refundReceipt.original': 'For betaling',
  'refundReceipt.originalDate': 'Betalt den',
  'refundReceipt.amount': 'Refunderet',
  'refundReceipt.reason': 'Årsag',
  'refundReceipt.refundId': 'Kassa-refusion',
  'refundReceipt.note': 'Beløbet er sat tilbage på det kort eller den konto, der blev betalt med.',
};

const EXTRA: Record<'de' | 'da', Record<ReceiptKey, string>> = { de, da };
const LOCALE_TAGS: Record<ReceiptLanguage, string> = { nl: 'nl-NL', en: 'en-GB', de: 'de-DE', da: 'da-DK' };

export function isReceiptLanguage(value: string): value is ReceiptLanguage {
  return (RECEIPT_LANGUAGES as readonly string[]).includes(value);
}

/** A receipt text in the receipt's language; the shop's own languages come from the app's catalogs. */
export function receiptText(
  language: ReceiptLanguage,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  if (language === 'nl' || language === 'en') return translate(language as Language, key, params);
  const template = (EXTRA[language] as Record<string, string>)[key] ?? translate('en', key, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function receiptLocaleTag(language: ReceiptLanguage): string {
  return LOCALE_TAGS[language];
}

/** Amounts on a receipt in the payment's currency, written as that currency is (dollars as in the US). */
export function receiptMoney(currency: string, language: ReceiptLanguage): (minor: number) => string {
  if (!isCurrencyCode(currency)) return (minor) => `${minor}`;
  return (minor) => formatMoney(minor, currency, language);
}
