import type { DayReport } from '../../../shared/api/day-schemas';
import { providerCheckLines } from '../../../shared/day/provider-check-text';
import { type Language, type MessageKey, translate } from '../../../shared/i18n/translate';
import { type CodePage, EscPosEncoder } from '../printing/escpos-encoder';
import { dateText, moneyFormatter } from '../receipts/pdf-layout';

/** Plain spaces: some printers print U+00A0 (from Intl) as a visible glyph. */
const plain = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    // Dashes and the ellipsis are not in the receipt code pages (cp858): printed as ASCII.
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...');

function pair(left: string, right: string, width: number): string {
  const room = Math.max(1, width - right.length);
  const head = left.length > room - 1 ? `${left.slice(0, room - 2)}…` : left;
  return head.padEnd(room, ' ') + right;
}

/** The Z (or X) report on the counter's 80 or 58 mm printer: per currency, per tender, then what is open. */
export function thermalZReport(
  report: DayReport,
  options: { language: Language; width: 80 | 58; codePage: CodePage; shopName: string },
): Buffer {
  const width = options.width === 80 ? 48 : 32;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(options.language, key, params);
  const rule = '-'.repeat(width);
  const p = new EscPosEncoder().initialize(options.codePage);
  p.align('center')
    .bold(true)
    .size(2, 2)
    .line(options.shopName.slice(0, width / 2));
  p.size(1, 1).line(t(report.kind === 'Z' ? 'day.pdf.title' : 'day.pdf.xTitle', { number: report.number }));
  p.bold(false).align('left').line(rule);
  p.line(pair(t('day.station'), report.stationId, width));
  p.line(plain(t('day.period', { from: dateText(report.periodStart, options.language) })));
  if (report.closedAt)
    p.line(plain(`${t('day.closedBy')}: ${report.closedBy ?? ''}, ${dateText(report.closedAt, options.language)}`));
  if (report.overrideNote) p.line(`${t('day.overrideNote')}: ${report.overrideNote}`);
  for (const currency of report.currencies) {
    const money = (minor: number) => plain(moneyFormatter(currency.currency, options.language)(minor));
    p.line(rule)
      .bold(true)
      .line(t('day.currency', { currency: currency.currency }))
      .bold(false);
    for (const tender of currency.tenders) {
      p.line(tender.terminalName.slice(0, width));
      p.line(pair(`  ${t('day.payments')} ${tender.payments.count}`, money(tender.payments.minor), width));
      if (tender.refunds.count)
        p.line(pair(`  ${t('day.refunds')} ${tender.refunds.count}`, money(-tender.refunds.minor), width));
      if (tender.voids.count)
        p.line(pair(`  ${t('day.voids')} ${tender.voids.count}`, money(tender.voids.minor), width));
    }
    p.bold(true)
      .line(pair(t('day.net'), money(currency.netMinor), width))
      .bold(false);
  }
  p.line(rule);
  p.line(pair(t('day.openPayments'), String(report.open.payments.length), width));
  p.line(pair(t('day.outboxWaiting'), String(report.outboxWaiting), width));
  p.line(pair(t('day.held'), String(report.held.reduce((n, h) => n + h.count, 0)), width));
  // What the providers said at the close (stored with the Z), a difference in bold.
  p.line(rule).bold(true).line(t('day.reported')).bold(false);
  const money = (minor: number, currency: string) => plain(moneyFormatter(currency, options.language)(minor));
  for (const line of providerCheckLines(report, t, money)) {
    if (line.head) p.line(plain(line.head));
    p.bold(line.differs)
      .line(plain(`  ${line.text}`))
      .bold(false);
  }
  p.feed(3).cut();
  return p.encode();
}
