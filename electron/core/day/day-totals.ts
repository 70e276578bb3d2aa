import type { CountTotal, CurrencyTotals, TenderTotals } from '../../../shared/api/day-schemas';
import { CAPTURED_STATUSES, type PaymentStatus } from '../../../shared/payment/states';

/** Where money went in and out: the payment's own columns, nothing provider-specific. */
export interface TenderOf {
  readonly provider: string;
  /** Derived from the terminal's kind when the payment was recorded (card_terminal, mobile_request…). */
  readonly method: string;
  readonly terminalId: string;
  readonly terminalName: string;
}

export interface DayPayment extends TenderOf {
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
}

/** A refund of any day's payment, made in this period; tender and currency are its payment's. */
export interface DayRefund extends TenderOf {
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
}

/** A void made in this period; its amount is the whole payment's. */
export interface DayVoid extends TenderOf {
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface DayInput {
  readonly payments: readonly DayPayment[];
  readonly refunds: readonly DayRefund[];
  readonly voids: readonly DayVoid[];
}

export function tenderKey(t: TenderOf): string {
  return `${t.provider}/${t.method}/${t.terminalId}`;
}

const isTaken = (status: string) => (CAPTURED_STATUSES as readonly string[]).includes(status as PaymentStatus);
const zero = (): CountTotal => ({ count: 0, minor: 0 });
const add = (total: CountTotal, minor: number): CountTotal => ({ count: total.count + 1, minor: total.minor + minor });

/**
 * The day's totals per currency and tender, from rows alone (pure: property-tested). Money taken is
 * every payment whose money was captured (refunded ones included: their refunds count separately);
 * a voided payment never counted as taken and is listed under voids; refunds count when the
 * provider confirmed them. Net = taken − refunded, per tender, per currency; currencies are never
 * added together.
 */
export function dayTotals(rows: DayInput): CurrencyTotals[] {
  const byCurrency = new Map<string, Map<string, TenderTotals>>();
  const tender = (currency: string, of: TenderOf): TenderTotals => {
    let tenders = byCurrency.get(currency);
    if (!tenders) {
      tenders = new Map();
      byCurrency.set(currency, tenders);
    }
    const key = tenderKey(of);
    let line = tenders.get(key);
    if (!line) {
      line = {
        key,
        provider: of.provider,
        method: of.method,
        terminalId: of.terminalId,
        terminalName: of.terminalName,
        payments: zero(),
        refunds: zero(),
        voids: zero(),
        netMinor: 0,
        reported: 'not_offered',
      };
      tenders.set(key, line);
    }
    return line;
  };
  for (const p of rows.payments) {
    if (!isTaken(p.status)) continue;
    const line = tender(p.currency, p);
    line.payments = add(line.payments, p.amountMinor);
  }
  for (const r of rows.refunds) {
    if (r.status !== 'succeeded') continue;
    const line = tender(r.currency, r);
    line.refunds = add(line.refunds, r.amountMinor);
  }
  for (const v of rows.voids) {
    if (v.status !== 'voided') continue;
    const line = tender(v.currency, v);
    line.voids = add(line.voids, v.amountMinor);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, tenders]) => {
      const lines = [...tenders.values()]
        .map((line) => ({ ...line, netMinor: line.payments.minor - line.refunds.minor }))
        .sort((a, b) => a.key.localeCompare(b.key));
      const sum = (pick: (line: TenderTotals) => CountTotal): CountTotal =>
        lines.reduce((total, line) => {
          const part = pick(line);
          return { count: total.count + part.count, minor: total.minor + part.minor };
        }, zero());
      const payments = sum((l) => l.payments);
      const refunds = sum((l) => l.refunds);
      return {
        currency,
        tenders: lines,
        payments,
        refunds,
        voids: sum((l) => l.voids),
        netMinor: payments.minor - refunds.minor,
      };
    });
}
