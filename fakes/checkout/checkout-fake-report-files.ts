import { ENTITY_ID } from './checkout-fake-ids';
import type { FakeFinancialAction } from './checkout-fake-state';

/**
 * The CSV files of the fake's payout reports, written from its books when downloaded: one line per
 * breakdown line for "Financial Actions by Payout ID" (column names as Kassa reads them, UNCONFIRMED),
 * one line per payout for "Payouts" (columns of Checkout.com's field table). Quoted where needed,
 * CRLF line ends, decimals in major units (fees with eight places).
 */
export interface FakePayout {
  readonly id: string;
  readonly date: string;
  readonly currency: string;
  readonly actions: FakeFinancialAction[];
}

const ENTITY_NAME = 'Kassa Demo, B.V.';

interface Line {
  breakdown_type: string;
  holding_currency: string;
  holding_currency_amount: number;
}
const linesOf = (f: FakeFinancialAction) => (f.body.breakdown ?? []) as Line[];
export const currencyOf = (f: FakeFinancialAction) => linesOf(f)[0]?.holding_currency ?? 'EUR';
const minor = (amount: number) => Math.round(amount * 100);
const money = (minorUnits: number, places = 2) => (minorUnits / 100).toFixed(places);

/** Fields with a comma, quote or line break go in quotes, a quote doubled (RFC 4180). */
function csv(rows: (string | number)[][]): string {
  const field = (v: string | number) => {
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export function actionsCsv(payout: FakePayout): string {
  const header = [
    'Client Entity ID',
    'Client Entity Name',
    'Payout ID',
    'Processing Channel ID',
    'Payment ID',
    'Action ID',
    'Action Type',
    'Processed On',
    'Reference',
    'Breakdown Type',
    'Holding Currency',
    'Holding Currency Amount',
  ];
  const rows = payout.actions.flatMap((f) =>
    linesOf(f).map((line) => [
      ENTITY_ID,
      ENTITY_NAME,
      payout.id,
      String(f.body.processing_channel_id ?? ''),
      String(f.body.payment_id),
      String(f.body.action_id),
      String(f.body.action_type),
      String(f.body.processed_on),
      String(f.body.reference ?? ''),
      line.breakdown_type,
      line.holding_currency,
      // Up to 8 places, as Checkout.com writes decimals: fees with all eight.
      money(minor(line.holding_currency_amount), /fee/i.test(line.breakdown_type) ? 8 : 2),
    ]),
  );
  return csv([header, ...rows]);
}

export function payoutsCsv(list: FakePayout[]): string {
  const header = [
    'Client Entity ID',
    'Client Entity Name',
    'Currency Account ID',
    'Holding Currency',
    'Payout ID',
    'Payout Date',
    'Payout Amount',
    'Merchant Payout Fees',
    'Payments',
    'Refunds',
    'Chargebacks',
  ];
  const rows = list.map((p) => {
    const sum = (pick: (f: FakeFinancialAction) => boolean, line: (l: Line) => boolean) =>
      p.actions.filter(pick).reduce(
        (s, f) =>
          s +
          linesOf(f)
            .filter(line)
            .reduce((t, l) => t + minor(l.holding_currency_amount), 0),
        0,
      );
    const gross = (l: Line) => /gross/i.test(l.breakdown_type);
    return [
      ENTITY_ID,
      ENTITY_NAME,
      String(p.actions[0]?.body.currency_account_id ?? ''),
      p.currency,
      p.id,
      `${p.date}T09:00:00.000Z`,
      money(
        sum(
          () => true,
          () => true,
        ),
      ),
      money(0),
      money(sum((f) => f.body.action_type === 'Capture', gross)),
      money(Math.abs(sum((f) => f.body.action_type === 'Refund', gross))),
      money(0),
    ];
  });
  return csv([header, ...rows]);
}
