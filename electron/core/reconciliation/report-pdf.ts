import { letterhead, moneyFormatter, startDocument } from '../receipts/pdf-layout';
import type { SettlementReport } from './report';
import { payoutState } from './report-csv';

export interface ReportCompany {
  readonly name: string;
  readonly address: string;
  readonly vat: string;
  readonly kvk?: string;
}

const TEXT = {
  en: {
    day: 'Settlement report, day',
    payout: 'Settlement report, payout',
    provider: 'Provider',
    tender: 'Tender',
    gross: 'Gross',
    fee: 'Fees',
    net: 'Net',
    matched: 'Matched',
    payouts: 'Payouts',
    payoutColumn: 'Payout',
    total: 'Total',
    stated: 'Stated',
    wholePayout: 'Whole payout, all days: net',
    aborted: 'aborted',
    differs: 'differs',
    zone: 'Days in',
    none: 'No settled rows.',
  },
  nl: {
    day: 'Afrekeningsrapport, dag',
    payout: 'Afrekeningsrapport, uitbetaling',
    provider: 'Aanbieder',
    tender: 'Betaalwijze',
    gross: 'Bruto',
    fee: 'Kosten',
    net: 'Netto',
    matched: 'Gekoppeld',
    payouts: 'Uitbetalingen',
    payoutColumn: 'Uitbetaling',
    total: 'Totaal',
    stated: 'Opgegeven',
    wholePayout: 'Hele uitbetaling, alle dagen: netto',
    aborted: 'afgebroken',
    differs: 'wijkt af',
    zone: 'Dagen in',
    none: 'Geen afgerekende regels.',
  },
} as const;

/**
 * The day's or payout's figures as an A4 PDF in the receipts' style (letterhead, bold headers, thin
 * rules). Dated by `issuedAt`, never the clock inside, so the same report renders to the same bytes.
 */
export function renderReportPdf(input: {
  report: SettlementReport;
  company: ReportCompany;
  language: 'en' | 'nl';
  issuedAt: string;
}): Promise<Buffer> {
  const { report, language } = input;
  const t = TEXT[language];
  const title = `${report.kind === 'day' ? t.day : t.payout} ${report.key}`;
  const { doc, done } = startDocument(title, input.company.name, input.issuedAt);
  letterhead(doc, input.company, title);

  // Two text columns, then amounts right-aligned; the payouts table has one more (the stated net).
  type Layout = readonly (readonly [x: number, width: number])[];
  const lineLayout: Layout = [
    [50, 95],
    [150, 95],
    [250, 70],
    [345, 70],
    [420, 70],
    [495, 50],
  ];
  const payoutLayout: Layout = [
    [50, 95],
    [148, 88],
    [238, 62],
    [302, 50],
    [354, 62],
    [418, 64],
    [484, 61],
  ];
  const row = (layout: Layout, cells: readonly string[]) => {
    const y = doc.y;
    for (const [i, text] of cells.entries()) {
      const [x, width] = layout[i] ?? [50, 50];
      doc.text(text, x, y, { width, align: i < 2 ? 'left' : 'right' });
    }
  };
  const header = (labels: readonly string[], layout: Layout = lineLayout) => {
    doc.font('Helvetica-Bold');
    row(layout, labels);
    doc
      .moveTo(50, doc.y + 2)
      .lineTo(545, doc.y + 2)
      .stroke('#999');
    doc.moveDown(0.4).font('Helvetica');
  };
  const line = (cells: readonly string[], layout: Layout = lineLayout) => {
    row(layout, cells);
    doc.moveDown(0.2);
  };

  if (report.kind === 'day') doc.fontSize(9).text(`${t.zone} ${report.timeZone}`, 50).fontSize(10).moveDown(0.3);
  if (report.rows.length === 0 && report.payouts.length === 0) doc.text(t.none);
  else {
    header([t.provider, t.tender, t.gross, t.fee, t.net, t.matched]);
    for (const l of report.lines) {
      const fmt = moneyFormatter(l.currency, language);
      line([
        l.provider,
        l.tender,
        fmt(l.grossMinor),
        fmt(l.feeMinor),
        fmt(l.netMinor),
        `${l.matched}/${l.matched + l.unmatched}`,
      ]);
    }
    for (const total of report.totals) {
      const fmt = moneyFormatter(total.currency, language);
      doc.font('Helvetica-Bold');
      line([
        t.total,
        total.currency,
        fmt(total.grossMinor),
        fmt(total.feeMinor),
        fmt(total.netMinor),
        `${total.matched}/${total.matched + total.unmatched}`,
      ]);
      doc.font('Helvetica');
    }
    doc.moveDown(1).font('Helvetica-Bold').fontSize(12).text(t.payouts, 50).fontSize(10);
    doc.moveDown(0.3);
    header([t.payoutColumn, t.provider, t.gross, t.fee, t.net, t.stated, t.matched], payoutLayout);
    for (const p of report.payouts) {
      const fmt = moneyFormatter(p.currency, language);
      const state = payoutState(p);
      const mark = state === 'aborted' ? ` (${t.aborted})` : state === 'differs' ? ` (${t.differs})` : '';
      line(
        [
          `${p.payoutId ?? '-'}${mark}`,
          `${p.provider} ${p.settledOn ?? ''}`.trim(),
          fmt(p.grossMinor),
          fmt(p.feeMinor),
          fmt(p.netMinor),
          p.statedNetMinor === null ? '-' : fmt(p.statedNetMinor),
          `${p.matched}/${p.matched + p.unmatched}`,
        ],
        payoutLayout,
      );
      // A payout spans several days: what the stated amount was compared with, when it is not this net.
      if (p.payoutNetMinor !== null && p.payoutNetMinor !== p.netMinor) {
        doc
          .fontSize(8)
          .text(`${t.wholePayout} ${fmt(p.payoutNetMinor)}`, 60)
          .fontSize(10)
          .moveDown(0.2);
      }
    }
  }
  doc.end();
  return done;
}
