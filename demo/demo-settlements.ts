import type { PayNlFake } from '../fakes/paynl/paynl-fake';
import type { VippsFake } from '../fakes/vipps/vipps-fake';

const day = (offset: number, from = new Date()) => {
  const d = new Date(from);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/**
 * Settlement data for the demo (reconciliation, issue 16): the MobilePay fake's ledger shows every
 * demo payment captured there (1.75 % fee) plus a few days of history that Kassa never saw — a
 * SoftPOS-style payment taken outside Kassa, one with a fee out of range, and a chargeback — with a
 * payout spanning two ledger days. So "Import now" in the demo finds something to reconcile.
 */
export function seedDemoVippsSettlements(fake: VippsFake, now = new Date()): void {
  const add = (
    reference: string,
    offset: number,
    minor: number,
    fee: number,
    entryType: 'capture' | 'retained-disputed-capture' = 'capture',
  ) =>
    fake.report.add({
      entryType,
      reference,
      amountMinor: minor,
      feeMinor: fee,
      currency: 'EUR',
      ledgerDate: day(offset, now),
    });
  add('MP-SHOWROOM-0412', -2, 4_950, 87);
  add('MP-WALKIN-0413', -2, 2_500, 44);
  add('MP-MARKET-0414', -1, 1_800, 300);
  add('MP-WALKIN-0413', -1, -2_500, 0, 'retained-disputed-capture');
  fake.report.payoutOn(day(-1, now));
  fake.report.follow(() => fake.payments());
}

/** The Pay. fake's clearings for the demo (KASSA_DEMO_PAYNL=1): two days of cleared terminal payments unknown to Kassa. */
export function seedDemoPayNlSettlements(fake: PayNlFake, now = new Date()): void {
  const add = (transactionId: string, offset: number, minor: number, costs: number) =>
    fake.clearings.add({
      type: 'PAYMENT',
      transactionId,
      reference: null,
      amountMinor: minor,
      costsMinor: costs,
      currency: 'EUR',
      processedDate: day(offset - 1, now),
      clearingDate: day(offset, now),
    });
  add('demo-softpos-1', -1, 3_995, 29);
  add('demo-softpos-2', -1, 1_250, 19);
}
