import { letterhead, moneyFormatter, startDocument } from '../receipts/pdf-layout';
import type { SettlementReport } from './report';

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

  const cols = [50, 150, 250, 345, 420, 495] as const;
  const header = (labels: readonly string[]) => {
    const y = doc.y;
    doc.font('Helvetica-Bold');
    for (const [i, label] of labels.entries()) {
      doc.text(label, cols[i], y, { width: i < 2 ? 95 : 70, align: i < 2 ? 'left' : 'right' });
    }
    doc
      .moveTo(50, doc.y + 2)
      .lineTo(545, doc.y + 2)
      .stroke('#999');
    doc.moveDown(0.4).font('Helvetica');
  };
  const line = (cells: readonly string[]) => {
    const y = doc.y;
    for (const [i, text] of cells.entries()) {
      doc.text(text, cols[i], y, { width: i < 2 ? 95 : 70, align: i < 2 ? 'left' : 'right' });
    }
    doc.moveDown(0.2);
  };

  if (report.rows.length === 0) doc.text(t.none);
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
    header([t.payoutColumn, t.provider, t.gross, t.fee, t.net, t.matched]);
    for (const p of report.payouts) {
      const fmt = moneyFormatter(p.currency, language);
      line([
        p.payoutId ?? '-',
        `${p.provider} ${p.settledOn ?? ''}`.trim(),
        fmt(p.grossMinor),
        fmt(p.feeMinor),
        fmt(p.netMinor),
        `${p.matched}/${p.matched + p.unmatched}`,
      ]);
    }
  }
  doc.end();
  return done;
}
