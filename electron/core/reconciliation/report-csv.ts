import { decimalsOf, isCurrencyCode } from '../../../shared/money/currency';
import type { SettlementReport } from './report';

const HEADER = [
  'provider',
  'account',
  'payout_id',
  'settled_on',
  'booked_on',
  'type',
  'tender',
  'reference',
  'payment_id',
  'gross',
  'fee',
  'net',
  'currency',
  'matched',
];

/** Minor units as a plain decimal in the currency's digits (a dot, no grouping): spreadsheets read it. */
export function decimal(minor: number, currency: string): string {
  const digits = isCurrencyCode(currency) ? decimalsOf(currency) : 2;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

function cell(value: string | null): string {
  const text = value ?? '';
  // A leading = + - @ would be a formula to a spreadsheet: quote it away (CSV injection).
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line per settled row, then a total line per currency (RFC 4180, CRLF). */
export function reportCsv(report: SettlementReport): string {
  const lines = [HEADER.join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        r.provider,
        r.account,
        r.payoutId,
        r.settledOn,
        r.bookedOn,
        r.type,
        r.tender,
        r.reference,
        r.paymentId,
        decimal(r.grossMinor, r.currency),
        decimal(r.feeMinor, r.currency),
        decimal(r.netMinor, r.currency),
        r.currency,
        r.paymentId ? 'yes' : 'no',
      ]
        .map(cell)
        .join(','),
    );
  }
  for (const t of report.totals) {
    lines.push(
      [
        'total',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        decimal(t.grossMinor, t.currency),
        decimal(t.feeMinor, t.currency),
        decimal(t.netMinor, t.currency),
        t.currency,
        `${t.matched}/${t.matched + t.unmatched}`,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
