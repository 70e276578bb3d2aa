import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createPayNlProvider } from '../../electron/core/payments/paynl/paynl-provider';
import { startPayNlFake } from '../../fakes/paynl/paynl-fake';
import { loadSpec } from '../helpers/openapi';
import { payOneInvoice, settled, until } from '../helpers/provider-harness';
import { payNlCounterPerTest } from '../helpers/provider-tests';

/** Same-day void, a payment Pay. reports with a different amount (-51), and the late-approval watch. */
const TERMINAL = 'TH-1000-0001';
const connectSpec = loadSpec('paynl_connect_order_api_v1.openapi.json');

const { cleanups, setup } = payNlCounterPerTest();

describe('Pay. void (adapter against the fake)', () => {
  it('voids an order still on reservation (95) and answers too_late for a captured PIN payment', async () => {
    const fake = await startPayNlFake();
    cleanups.push(fake.close);
    const provider = createPayNlProvider({
      config: () => ({
        connectUrl: fake.url,
        restUrl: fake.url,
        tokenCode: fake.credentials.tokenCode,
        apiToken: fake.credentials.apiToken,
        serviceId: fake.credentials.serviceId,
        serviceSecret: fake.credentials.serviceSecret,
        testMode: true,
        exchangeUrl: null,
      }),
    });
    cleanups.push(() => provider.close());
    // Pay.'s void only undoes a reservation; Kassa's PIN payments are captured at once.
    expect(provider.capabilities.voids).toBe(false);
    const attempt = async (reference: string) => {
      const { providerRef } = await provider.start({
        reference,
        idempotencyKey: reference,
        amount: { minor: 990, currency: 'EUR' },
        terminalId: TERMINAL,
        description: 'Invoice 1',
        phone: null,
      });
      return {
        reference,
        providerRef,
        terminalId: TERMINAL,
        idempotencyKey: reference,
        amountMinor: 990,
        currency: 'EUR',
        phone: null,
      };
    };

    const reserved = await attempt('KSC1VOID0001');
    fake.setStatusCode(reserved.providerRef, 95);
    expect(await provider.void?.(reserved)).toBe('voided');
    expect(fake.order(reserved.providerRef)?.status.code).toBe(-90);
    const call = fake.seen.find((r) => r.method === 'PATCH' && r.path === `/v1/orders/${reserved.providerRef}/void`);
    if (!call) throw new Error('no void call');
    expect(connectSpec.checkRequest(call)).toEqual([]);
    expect(connectSpec.checkResponse('PATCH', call.path, 200, fake.orderBody(reserved.providerRef))).toEqual([]);

    const captured = await attempt('KSC1VOID0002');
    fake.pay(captured.providerRef);
    expect(await provider.void?.(captured)).toBe('too_late');
    expect(fake.seen.some((r) => r.path === `/v1/orders/${captured.providerRef}/void`)).toBe(false);
    expect(fake.order(captured.providerRef)?.status.code).toBe(100);

    // Asked again because the status read got no answer: nothing was voided, so a plain refusal.
    const unread = await attempt('KSC1VOID0003');
    fake.setStatusCode(unread.providerRef, 95);
    fake.failNext(/GET \/v1\/orders\/[^/]+\/status$/, 'drop_after');
    await expect(provider.void?.(unread)).rejects.toMatchObject({ kind: 'refused' });
  });
});

describe('Pay. -51: paid, but a different amount', () => {
  it('a manager accepting it books the amount actually paid: allocations, invoice and outbox', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'off' });
    const { started, customerId, invoice } = await payOneInvoice(counter, 1000, TERMINAL);
    fake.payDifferentAmount(started.providerRef ?? '', 600);
    const review = await counter.waitForPayment(started.id, (p) => p.status === 'unknown');
    expect(review.failureReason).toBe('paid_amount_differs');
    // The manager sees what Pay. says was paid in the payment's trail.
    const trail = await counter.call('payments.events', { paymentId: started.id });
    expect(trail.some((e) => e.toStatus === 'unknown' && (e.detail ?? '').includes('"paidMinor":600'))).toBe(true);

    const kept = await counter.call('payments.resolve', {
      paymentId: started.id,
      outcome: 'approved',
      note: 'Pay. portal: 6,00 paid of 10,00',
    });
    expect(kept.status).toBe('approved');
    expect(kept.amount.minor).toBe(600);
    expect(kept.allocations.map((a) => a.amountMinor)).toEqual([600]);
    const after = (await counter.call('invoices.open', { customerId })).find((i) => i.id === invoice.id);
    expect(after?.outstandingMinor).toBe(invoice.outstandingMinor - 600);

    const db = new Database(join(counter.dataDir, 'kassa.sqlite'), { readonly: true });
    try {
      const row = db
        .prepare<[string], { payload: string }>(
          "SELECT payload FROM outbox WHERE kind = 'payment.approved' AND aggregate_id = ?",
        )
        .get(started.id);
      const payload = JSON.parse(row?.payload ?? '{}') as {
        amount: { minor: number };
        allocations: { amountMinor: number }[];
      };
      expect(payload.amount.minor).toBe(600);
      expect(payload.allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(600);
    } finally {
      db.close();
    }
  });
});

function watchDeadline(dataDir: string, paymentId: string): string | null {
  const db = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare<[string], { until: string | null }>('SELECT late_watch_until AS until FROM payments WHERE id = ?')
      .get(paymentId);
    return row?.until ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

describe('Pay. late approval after an abort', () => {
  it('is still caught after a restart: the watch deadline survives, and the payment becomes paid-after-cancel', async () => {
    const { counter, fake, restart } = await setup({ exchangeMode: 'off' });
    const { started } = await payOneInvoice(counter, 280, TERMINAL);
    await counter.call('payments.cancel', { paymentId: started.id });
    await counter.waitForPayment(started.id, (p) => p.status === 'cancelled');
    // The tracker takes up the watch and stores its deadline; then the counter stops.
    await until(() => watchDeadline(counter.dataDir, started.id) !== null);
    expect(Date.parse(watchDeadline(counter.dataDir, started.id) ?? '') - Date.now()).toBeGreaterThan(9 * 60_000);
    await counter.engine.close();

    const again = await restart({ dataDir: counter.dataDir });
    cleanups.push(() => again.close());
    fake.pay(started.providerRef ?? '');
    const late = await again.waitForPayment(started.id, (p) => p.status === 'paid_after_cancel');
    expect(late.refundKinds).toEqual(['online', 'terminal']);
    expect(settled(late)).toBe(true);
  });
});
