import PDFDocument from 'pdfkit';
import { type ReceiptLanguage, receiptLocaleTag, receiptMoney } from './receipt-language';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * An A4 document whose metadata dates come from the document itself, never from the clock: the
 * same document renders to the same bytes, which an idempotent upload (same key, same body) needs.
 */
export function startDocument(title: string, author: string, issuedAt: string): { doc: Doc; done: Promise<Buffer> } {
  const stamp = new Date(issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title, Author: author, Producer: 'Kassa', Creator: 'Kassa', CreationDate: stamp, ModDate: stamp },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export function letterhead(
  doc: Doc,
  company: { name: string; address: string; vat: string; kvk?: string },
  title: string,
): void {
  doc.font('Helvetica-Bold').fontSize(18).text(company.name);
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(company.address).text(`BTW/VAT ${company.vat}`);
  if (company.kvk) doc.text(`KvK ${company.kvk}`);
  doc.moveDown(1.5).fillColor('#000').font('Helvetica-Bold').fontSize(16).text(title);
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
}

export function detailRows(doc: Doc, rows: readonly (readonly [string, string])[]): void {
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, 50, y, { width: 150 });
    doc.font('Helvetica').text(value, 200, y, { width: 345 });
    doc.moveDown(0.2);
  }
}

export function dateText(iso: string, language: ReceiptLanguage): string {
  return new Intl.DateTimeFormat(receiptLocaleTag(language), {
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(new Date(iso));
}

export function moneyFormatter(currency: string, language: ReceiptLanguage): (minor: number) => string {
  return receiptMoney(currency, language);
}
