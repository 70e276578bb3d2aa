import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttemptRef } from '../../electron/core/payments/provider';
import { createVippsClient } from '../../electron/core/payments/vipps/vipps-client';
import { createVippsProvider } from '../../electron/core/payments/vipps/vipps-provider';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { inspect } from '../helpers/inspect-db';
import { loadSpec } from '../helpers/openapi';
import { payOneInvoice, settled, until } from '../helpers/provider-harness';
import { QUIET_VIPPS as QUIET, vippsCounterPerTest } from '../helpers/provider-tests';

const epaymentSpec = loadSpec('vipps-epayment.v1.yml');
const PHONE = '+358 40 123 4567';
const { cleanups, setup } = vippsCounterPerTest();

/** The payment's evidence rows as another process would read them: only what is committed. */
function committedEvents(dataDir: string, paymentId: string): string[] {
  const db = inspect(dataDir);
  try {
    return db.events(paymentId).map((e) => `${e.event}:${e.outcome}`);
  } finally {
    db.close();
  }
}

describe('MobilePay capture is a ledger step, not part of a status read', () => {
  it('commits the capture intent before the capture is sent, and sends a retry under the same key', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    const { counter, fake } = harness;
    const { started } = await payOneInvoice(counter, 2500, 'mobilepay', PHONE);
    let seenWhenSent: string[] = [];
    fake.onNextRequest(/\/capture$/, () => {
      seenWhenSent = committedEvents(counter.dataDir, started.id);
    });
    // The first capture is refused on the way (Vipps did nothing); the next read captures again.
    fake.failNext(/\/capture$/, '500');
    fake.approve(started.reference);
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(seenWhenSent).toContain('capture_sent:noted');
    expect(seenWhenSent.some((e) => e.startsWith('approved:'))).toBe(false);

    const captures = fake.seen.filter((r) => r.path.endsWith('/capture'));
    expect(captures).toHaveLength(2);
    expect(captures[0]?.headers['idempotency-key']).toBe(captures[1]?.headers['idempotency-key']);
    expect(captures[0]?.headers['idempotency-key']).toMatch(/-capture$/);
    for (const capture of captures) expect(epaymentSpec.checkRequest(capture)).toEqual([]);
    expect(fake.payment(started.reference)).toMatchObject({ captured: 2500, cancelled: 0 });

    // Intent, lost call, intent again, answer: each committed in that order.
    const events = committedEvents(counter.dataDir, started.id).filter((e) => /capture|approved/.test(e));
    expect(events).toEqual(['capture_sent:noted', 'capture_failed:noted', 'capture_sent:noted', 'approved:moved']);
  });

  it('releases, never captures, a reservation for an attempt Kassa already closed as failed', async () => {
    const harness = await setup({ engine: QUIET, fake: { webhookMode: 'hold' } });
    const { counter, fake } = harness;
    fake.failNext(/POST \/epayment\/v1\/payments$/, 'drop_after');
    const { started } = await payOneInvoice(counter, 2600, 'mobilepay', PHONE);
    expect(started.status).toBe('unknown');
    const decided = await counter.call('payments.resolve', {
      paymentId: started.id,
      outcome: 'failed',
      note: 'Customer paid cash instead',
    });
    expect(decided.status).toBe('failed');

    // The customer approves the push after all; Vipps says so by webhook, and Kassa asks.
    fake.approve(started.reference);
    let seenWhenSent: string[] = [];
    fake.onNextRequest(/\/cancel$/, () => {
      seenWhenSent = committedEvents(counter.dataDir, started.id);
    });
    await fake.release();
    await until(() => fake.payment(started.reference)?.cancelled === 2600);
    expect(fake.payment(started.reference)).toMatchObject({ state: 'AUTHORIZED', captured: 0, cancelled: 2600 });
    expect(fake.seen.filter((r) => r.path.endsWith('/capture'))).toEqual([]);
    expect(seenWhenSent).toContain('release_sent:noted');
    const cancel = fake.seen.find((r) => r.path.endsWith('/cancel'));
    expect(cancel?.body).toEqual({ cancelTransactionOnly: false });
    expect(cancel && epaymentSpec.checkRequest(cancel)).toEqual([]);

    await until(() => committedEvents(counter.dataDir, started.id).includes('released:noted'));
    const after = await counter.call('payments.get', { paymentId: started.id });
    expect(after).toMatchObject({ status: 'failed', failureReason: 'manager_not_charged' });
    expect((await counter.call('sync.items', {})).filter((i) => i.kind === 'payment.approved')).toEqual([]);
  });

  it('records a cashier’s cancel before the cancel request goes out', async () => {
    const harness = await setup({ engine: QUIET, fake: { webhookMode: 'off' } });
    const { counter, fake } = harness;
    const { started } = await payOneInvoice(counter, 2700, 'mobilepay', PHONE);
    let seenWhenSent: string[] = [];
    fake.onNextRequest(/\/cancel$/, () => {
      seenWhenSent = committedEvents(counter.dataDir, started.id);
    });
    const after = await counter.call('payments.cancel', { paymentId: started.id });
    expect(seenWhenSent).toContain('cancel_sent:noted');
    expect(after).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(fake.payment(started.reference)?.state).toBe('TERMINATED');
  });
});

describe('MobilePay same-day void (adapter against the wire-level fake)', () => {
  async function adapter() {
    const fake = await startVippsFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const config = {
      apiUrl: fake.url,
      clientId: fake.credentials.clientId,
      clientSecret: fake.credentials.clientSecret,
      subscriptionKey: fake.credentials.subscriptionKey,
      merchantSerialNumber: fake.credentials.msn,
      testMode: true,
    };
    const client = createVippsClient({ config: () => config, systemVersion: 'test' });
    const provider = createVippsProvider({ client, configured: () => true });
    const approved = async (minor: number): Promise<AttemptRef> => {
      const attempt = {
        reference: `KSC1P${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 30),
        providerRef: null,
        terminalId: 'mobilepay',
        idempotencyKey: randomUUID(),
        amountMinor: minor,
        currency: 'NOK',
        phone: '4791234567',
      };
      await provider.start({
        reference: attempt.reference,
        idempotencyKey: attempt.idempotencyKey,
        amount: { minor, currency: 'NOK' },
        terminalId: 'mobilepay',
        description: 'Invoice 2026-0001',
        phone: attempt.phone,
      });
      fake.approve(attempt.reference);
      return attempt;
    };
    return { fake, provider, approved };
  }

  it('cancels an authorised, uncaptured reservation; a captured one is too late (refund instead)', async () => {
    const { fake, provider, approved } = await adapter();
    expect(provider.capabilities.voids).toBe(true);

    const reserved = await approved(3100);
    expect(await provider.status(reserved)).toMatchObject({ kind: 'authorized', capturableMinor: 3100 });
    expect(await provider.void?.(reserved)).toBe('voided');
    expect(fake.payment(reserved.reference)).toMatchObject({ captured: 0, cancelled: 3100 });
    const cancel = fake.seen.find((r) => r.path === `/epayment/v1/payments/${reserved.reference}/cancel`);
    expect(cancel?.headers['idempotency-key']).toBe(`${reserved.idempotencyKey}-void`);
    expect(cancel && epaymentSpec.checkRequest(cancel)).toEqual([]);
    // Asked again (an answer lost): still voided, nothing more released.
    expect(await provider.void?.(reserved)).toBe('voided');
    expect(fake.payment(reserved.reference)?.cancelled).toBe(3100);

    const captured = await approved(3200);
    const answer = await provider.capture?.(captured, {
      amountMinor: 3200,
      idempotencyKey: `${captured.idempotencyKey}-capture`,
    });
    expect(answer).toMatchObject({ kind: 'approved' });
    expect(await provider.void?.(captured)).toBe('too_late');
    expect(fake.payment(captured.reference)).toMatchObject({ captured: 3200, cancelled: 0 });
  });

  it('only reads on a status query: an authorised payment is reported, not captured', async () => {
    const { fake, provider, approved } = await adapter();
    const reserved = await approved(3300);
    expect(await provider.status(reserved)).toEqual({ kind: 'authorized', capturableMinor: 3300, raw: 'AUTHORIZED' });
    expect(fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/capture'))).toEqual([]);
    expect(fake.payment(reserved.reference)?.captured).toBe(0);
  });
});
