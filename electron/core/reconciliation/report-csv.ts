import { decimalsOf, isCurrencyCode } from '../../../shared/money/currency';
import type { PayoutSummary, SettlementReport } from './report';

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
  'stated_net',
  'payout_state',
  'payout_net',
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

/** How a payout compares with what its provider stated: aborted, differs, agrees, or '' (nothing stated). */
export function payoutState(p: PayoutSummary): 'aborted' | 'differs' | 'agrees' | '' {
  if (p.aborted) return 'aborted';
  if (p.statedNetMinor === null) return '';
  // All the payout's lines, not only the ones a day report shows: a payout spans several days.
  return p.statedNetMinor === (p.payoutNetMinor ?? p.netMinor) ? 'agrees' : 'differs';
}

/**
 * One line per settled row, a total line per currency, then one line per payout (type `payout`):
 * its summed gross/fee/net next to the net the provider stated (`stated_net`), `payout_state`, and the
 * net of all the payout's lines on any day (`payout_net`: what `stated_net` is compared with)
 * (RFC 4180, CRLF).
 */
export function reportCsv(report: SettlementReport): string {
  const lines = [HEADER.join(',')];
  const push = (cells: readonly (string | null)[]) => lines.push(cells.map(cell).join(','));
  for (const r of report.rows) {
    push([
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
      '',
      r.payoutAborted ? 'aborted' : '',
      '',
    ]);
  }
  for (const t of report.totals) {
    push([
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
      '',
      '',
      '',
    ]);
  }
  for (const p of report.payouts) {
    if (p.payoutId === null) continue;
    push([
      p.provider,
      '',
      p.payoutId,
      p.settledOn,
      '',
      'payout',
      '',
      '',
      '',
      decimal(p.grossMinor, p.currency),
      decimal(p.feeMinor, p.currency),
      decimal(p.netMinor, p.currency),
      p.currency,
      `${p.matched}/${p.matched + p.unmatched}`,
      p.statedNetMinor === null ? '' : decimal(p.statedNetMinor, p.currency),
      payoutState(p),
      p.payoutNetMinor === null ? '' : decimal(p.payoutNetMinor, p.currency),
    ]);
  }
  return `${lines.join('\r\n')}\r\n`;
}
