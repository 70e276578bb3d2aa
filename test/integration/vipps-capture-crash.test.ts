import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startVippsFake } from '../../fakes/vipps/vipps-fake';
import { inspect } from '../helpers/inspect-db';
import { killPaymentChildWhen, restartVippsCounter } from '../helpers/payment-child';
import { closeAfterEach, vippsEnv } from '../helpers/provider-harness';
import { tempDir } from '../helpers/test-engine';

const cleanups = closeAfterEach();

describe('a counter killed (SIGKILL) while Vipps holds the answer to a capture', () => {
  it('restarts from the committed capture intent: the money is counted once, captured once', async () => {
    const fake = await startVippsFake({ webhookMode: 'off' });
    cleanups.push(fake.close);
    const env = vippsEnv(fake);
    const dataDir = tempDir();
    const captures = () => fake.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/capture'));
    // Vipps captures at once but answers only after 5 s: the counter dies waiting.
    fake.failNext(/\/capture$/, 'slow');

    await killPaymentChildWhen(
      cleanups,
      { dataDir, env, terminal: 'mobilepay', phone: '+4791234567' },
      () => {
        // The customer approves as soon as the push arrives; the child's poll then captures.
        const [payment] = fake.payments();
        if (payment?.state === 'CREATED') fake.approve(payment.reference);
        return captures().length === 1;
      },
      15_000,
    );

    const [reserved] = fake.payments();
    if (!reserved) throw new Error('no payment at Vipps');
    expect(reserved.captured).toBe(reserved.amount.value);
    // On disk at the moment of the crash: the intent, and no approval.
    const disk = new Database(join(dataDir, 'kassa.sqlite'), { readonly: true });
    const stored = disk.prepare('SELECT id, status FROM payments').all() as { id: string; status: string }[];
    disk.close();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.status).toBe('pending');
    const atCrash = inspect(dataDir);
    expect(atCrash.events(stored[0]?.id ?? '').map((e) => e.event)).toContain('capture_sent');
    atCrash.close();

    const counter = await restartVippsCounter(cleanups, dataDir, env);
    const [payment] = await counter.call('payments.today', {});
    if (!payment) throw new Error('the payment was not recorded');
    const paid = await counter.waitForPayment(payment.id, (p) => p.status === 'approved');
    expect(paid.status).toBe('approved');
    const events = await counter.call('payments.events', { paymentId: payment.id });
    expect(events.map((e) => e.event)).toContain('capture_sent');
    expect(captures()).toHaveLength(1);
    expect(fake.payment(reserved.reference)?.captured).toBe(reserved.amount.value);
    const after = inspect(dataDir);
    expect(after.outbox().filter((m) => m.kind === 'payment.approved')).toHaveLength(1);
    after.close();
  });
});
