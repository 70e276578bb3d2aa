import type { DayReport } from '../../../shared/api/day-schemas';
import { providerCheckLines } from '../../../shared/day/provider-check-text';
import { type Language, type MessageKey, translate } from '../../../shared/i18n/translate';
import { dateText, detailRows, letterhead, moneyFormatter, startDocument } from '../receipts/pdf-layout';

export interface Company {
  name: string;
  address: string;
  vat: string;
  kvk?: string;
}

/** Money given back, shown negative (zero stays zero, never "-0"). */
const back = (minor: number) => (minor === 0 ? 0 : -minor);

/**
 * The X or Z report as an A4 PDF in the receipts' style (same letterhead, detail rows and money
 * formatting), dated by the report itself so the same Z renders to the same bytes. One table per
 * currency: each tender with payments, refunds, voids and net, then what was held, open or waiting.
 */
export function renderZReportPdf(input: { report: DayReport; company: Company; language: Language }): Promise<Buffer> {
  const { report, company, language } = input;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const title = t(report.kind === 'Z' ? 'day.pdf.title' : 'day.pdf.xTitle', { number: report.number });
  const { doc, done } = startDocument(`${title} ${report.stationId}`, company.name, report.generatedAt);
  letterhead(doc, company, title);

  detailRows(doc, [
    [t('day.station'), report.stationId],
    [t('day.period'), dateText(report.periodStart, language)],
    [t('day.openedBy'), `${report.openedBy}, ${dateText(report.openedAt, language)}`],
    ...(report.closedAt
      ? ([[t('day.closedBy'), `${report.closedBy ?? ''}, ${dateText(report.closedAt, language)}`]] as const)
      : ([[t('day.generated', { time: '' }).trim(), dateText(report.generatedAt, language)]] as const)),
    ...(report.overrideNote ? ([[t('day.overrideNote'), report.overrideNote]] as const) : []),
  ]);

  const cols = { tender: 50, payments: 215, refunds: 300, voids: 385, net: 465 };
  const right = (text: string, x: number, y: number) => doc.text(text, x, y, { width: 80, align: 'right' });
  if (report.currencies.length === 0) doc.moveDown(1).text(t('day.nothingTaken'), 50);
  for (const currency of report.currencies) {
    const fmt = moneyFormatter(currency.currency, language);
    const cell = (count: number, minor: number) => `${count} · ${fmt(minor)}`;
    doc
      .moveDown(1.2)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(t('day.currency', { currency: currency.currency }), 50);
    doc.moveDown(0.3).fontSize(9);
    const headY = doc.y;
    doc.text(t('day.tender'), cols.tender, headY, { width: 160 });
    right(t('day.payments'), cols.payments, headY);
    right(t('day.refunds'), cols.refunds, headY);
    right(t('day.voids'), cols.voids, headY);
    right(t('day.net'), cols.net, headY);
    doc
      .moveTo(50, doc.y + 2)
      .lineTo(545, doc.y + 2)
      .stroke('#999');
    doc.moveDown(0.4).font('Helvetica');
    for (const tender of currency.tenders) {
      if (doc.y > 740) doc.addPage();
      const y = doc.y;
      doc.text(`${tender.terminalName} (${tender.provider}, ${tender.method})`, cols.tender, y, { width: 160 });
      const after = doc.y;
      right(cell(tender.payments.count, tender.payments.minor), cols.payments, y);
      right(cell(tender.refunds.count, back(tender.refunds.minor)), cols.refunds, y);
      right(cell(tender.voids.count, tender.voids.minor), cols.voids, y);
      right(fmt(tender.netMinor), cols.net, y);
      doc.y = Math.max(after, doc.y);
      doc.moveDown(0.2);
    }
    doc
      .moveTo(50, doc.y + 2)
      .lineTo(545, doc.y + 2)
      .stroke('#999');
    doc.moveDown(0.5).font('Helvetica-Bold');
    const totalY = doc.y;
    doc.text(t('day.total'), cols.tender, totalY);
    right(cell(currency.payments.count, currency.payments.minor), cols.payments, totalY);
    right(cell(currency.refunds.count, back(currency.refunds.minor)), cols.refunds, totalY);
    right(cell(currency.voids.count, currency.voids.minor), cols.voids, totalY);
    right(fmt(currency.netMinor), cols.net, totalY);
    doc.font('Helvetica').fontSize(10);
  }

  doc.moveDown(1.5);
  const heldText = report.held.length
    ? report.held.map((h) => `${h.count} · ${moneyFormatter(h.currency, language)(h.minor)}`).join(', ')
    : t('day.none');
  const openText = report.open.payments.length
    ? report.open.payments
        .map((p) => `${p.reference} ${p.status} ${moneyFormatter(p.amount.currency, language)(p.amount.minor)}`)
        .join('\n')
    : t('day.none');
  detailRows(doc, [
    [t('day.held'), heldText],
    [t('day.openPayments'), openText],
    [t('day.openRefunds'), String(report.open.refunds)],
    [t('day.openVoids'), String(report.open.voids)],
    [t('day.outboxWaiting'), String(report.outboxWaiting)],
  ]);

  // What the providers said for the day, as stored with the Z: a reprint shows the same figures.
  doc.moveDown(1).font('Helvetica-Bold').fontSize(11).text(t('day.reported'), 50);
  doc.moveDown(0.3).fontSize(9);
  const money = (minor: number, currency: string) => moneyFormatter(currency, language)(minor);
  for (const line of providerCheckLines(report, t, money)) {
    if (doc.y > 760) doc.addPage();
    if (line.head) doc.font('Helvetica-Bold').fillColor('#000').text(line.head, 50, doc.y, { width: 495 });
    doc
      .font(line.differs ? 'Helvetica-Bold' : 'Helvetica')
      .fillColor(line.differs ? '#b00020' : '#000')
      .text(line.text, 60, doc.y, { width: 485 });
    doc.fillColor('#000').moveDown(0.3);
  }
  doc.end();
  return done;
}
