import { startDocument } from '../receipts/pdf-layout';

/**
 * The test page of a system or desktop printer: an A4 PDF (those printers take PDFs, not ESC/POS),
 * showing the station and the characters a receipt needs, so the manager sees the € sign come out.
 */
export function testPagePdf(station: string, issuedAt: string): Promise<Buffer> {
  const { doc, done } = startDocument('Kassa test page', 'Kassa', issuedAt);
  doc.font('Helvetica-Bold').fontSize(18).text('Kassa');
  doc.moveDown(0.5).font('Helvetica').fontSize(12);
  doc.text(`Test page / Testpagina – ${station}`);
  doc.text('€ 1.234,56 – äöü ß é ø å');
  doc.end();
  return done;
}
