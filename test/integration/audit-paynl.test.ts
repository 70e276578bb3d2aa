import { describe, expect, it } from 'vitest';
import type { Acting } from '../../electron/core/people/acting';
import { customerWithInvoices, payOneInvoice, settled } from '../helpers/provider-harness';
import { onlineRefund, paidAtPayNl, payNlCounterPerTest } from '../helpers/provider-tests';
import { asPeople } from '../helpers/sign-in';

/** Decisions only a Pay. counter meets: keeping money taken after a cancel, assigning a SoftPOS payment. */

const { setup } = payNlCounterPerTest();
const mark: Acting = { actor: { userId: 'u-mark', name: 'Mark', role: 'manager' }, approvedBy: null };

describe('audited Pay. decisions', () => {
  it('keeping a paid-after-cancel payment and assigning a device payment are written with who decided', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 250, 'TH-1000-0001');
    await counter.call('payments.cancel', { paymentId: started.id });
    await counter.waitForPayment(started.id, settled);
    fake.pay(started.providerRef ?? '');
    await counter.waitForPayment(started.id, (p) => p.status === 'paid_after_cancel');
    await (await asPeople(counter, mark)).call('payments.keep', { paymentId: started.id });

    const { customerId } = await customerWithInvoices(counter, 1);
    await fake.devicePayment({ terminalCode: 'TH-1000-0002', amountMinor: 777 });
    const [unmatched] = await counter.call('unmatched.list', {});
    if (!unmatched) throw new Error('no device payment');
    const assigned = await (await asPeople(counter, mark)).call('unmatched.assign', {
      unmatchedId: unmatched.id,
      customerId,
      invoiceIds: [],
    });

    const all = (await (await asPeople(counter, mark)).call('audit.list', {})).items;
    // The first payment of the day also opened the business day (`day.open`).
    const items = all.filter((r) => !r.action.startsWith('day.'));
    expect(items.map((r) => r.action)).toEqual(['unmatched.assign', 'payment.keep']);
    expect(items[1]).toMatchObject({
      actor: { name: 'Mark' },
      subject: { kind: 'payment', id: started.id },
      before: { status: 'paid_after_cancel' },
      after: { status: 'approved', amount: { minor: 250, currency: 'EUR' } },
    });
    expect(items[0]).toMatchObject({
      subject: { kind: 'unmatched', id: unmatched.id },
      after: { paymentId: assigned.id, customerId, amount: { minor: 777, currency: 'EUR' } },
    });
    expect(await (await asPeople(counter, mark)).call('audit.verify', {})).toMatchObject({
      ok: true,
      checked: all.length,
    });
  });

  it('a refund whose answer was lost, decided by a manager: both the request and the decision are written', async () => {
    const harness = await setup({ exchangeMode: 'off' });
    const { counter, fake } = harness;
    const { started } = await paidAtPayNl(harness, 900, 'TH-1000-0001');
    fake.failNext(/\/refund$/, 'drop_after');
    const lost = await (await asPeople(counter, mark)).call(
      'payments.refund',
      onlineRefund(started.id, 900, 'Returned'),
    );
    const refundId = lost.refunds[0]?.id ?? '';
    await (await asPeople(counter, mark)).call('refunds.decide', {
      refundId,
      outcome: 'succeeded',
      note: 'Pay. portal shows refund',
    });
    const { items } = await (await asPeople(counter, mark)).call('audit.list', { subjectId: started.id });
    expect(items.map((r) => r.action)).toEqual(['refund.decide', 'payment.refund']);
    expect(items[0]).toMatchObject({
      subject: { kind: 'refund', id: refundId },
      before: { status: 'unknown' },
      after: { status: 'succeeded', paymentId: started.id, amount: { minor: 900, currency: 'EUR' } },
      note: 'Pay. portal shows refund',
    });
  });
});
