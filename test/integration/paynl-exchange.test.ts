import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExchange } from '../../electron/core/payments/paynl/paynl-exchange';
import { customerWithInvoices, payOneInvoice, settled, until } from '../helpers/provider-harness';
import { payNlCounterPerTest } from '../helpers/provider-tests';

/** Pay.'s exchange calls (the webhook) and payments typed on a SoftPOS device, against the Pay. fake. */
const TERMINAL = 'TH-1000-0001';
const SOFTPOS = 'TH-1000-0002';

const { setup } = payNlCounterPerTest();

describe('Pay. exchange calls', () => {
  it('applies a signed exchange before the poll would have seen it, and answers TRUE|', async () => {
    const { counter, fake } = await setup({ engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 620, TERMINAL);
    const polls = () => fake.seen.filter((r) => r.path.endsWith('/status')).length;
    const before = polls();
    fake.pay(started.providerRef ?? '');
    const paid = await counter.waitForPayment(started.id, settled);
    expect(paid.status).toBe('approved');
    expect(paid.cardSlip?.length).toBeGreaterThan(3);
    expect(polls()).toBe(before);
    await until(() => fake.exchanges().length > 0);
    expect(fake.exchanges()[0]?.text).toMatch(/^TRUE\|/);
  });

  it('takes an exchange after the poll already saw the result, and a duplicate, without changing anything twice', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'hold' });
    const { started } = await payOneInvoice(counter, 730, TERMINAL);
    fake.pay(started.providerRef ?? '');
    const paid = await counter.waitForPayment(started.id, settled);
    const answers = await fake.release({ twice: true });
    expect(answers.map((a) => a.text)).toEqual(['TRUE| ignored', 'TRUE| already processed']);
    const after = await counter.call('payments.get', { paymentId: started.id });
    expect(after.updatedAt).toBe(paid.updatedAt);
    expect(await counter.call('sync.items', {})).toHaveLength(2);
  });

  it('never lets an older status overwrite a newer one', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'hold', engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 740, TERMINAL);
    fake.setStatusCode(started.providerRef ?? '', 50);
    fake.pay(started.providerRef ?? '');
    await fake.release({ reverse: true });
    const after = await counter.call('payments.get', { paymentId: started.id });
    expect(after.status).toBe('approved');
  });

  it('rejects a bad signature (401, logged) and changes nothing', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'hold', engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 850, TERMINAL);
    fake.pay(started.providerRef ?? '');
    const [held] = fake.held();
    if (!held) throw new Error('no exchange');
    const forged = await fetch(held.url, {
      method: 'POST',
      headers: { ...held.headers, signature: 'ab'.repeat(32) },
      body: held.body,
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('FALSE| signature_invalid');
    expect((await counter.call('payments.get', { paymentId: started.id })).status).toBe('pending');
  });

  it('confirms an unsigned exchange with Pay. before believing it', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'unsigned', engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 960, TERMINAL);
    const polls = () => fake.seen.filter((r) => r.path.endsWith('/status')).length;
    const before = polls();
    fake.pay(started.providerRef ?? '');
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
    expect(polls()).toBeGreaterThan(before);
  });

  it('understands the legacy form exchange (order_id, extra1) and confirms it with Pay.', async () => {
    const { counter, fake } = await setup({ exchangeMode: 'legacy', engine: { providerPollMs: { paynl: 60_000 } } });
    const { started } = await payOneInvoice(counter, 970, TERMINAL);
    fake.pay(started.providerRef ?? '');
    expect((await counter.waitForPayment(started.id, settled)).status).toBe('approved');
    await until(() => fake.exchanges().length > 0);
    expect(fake.exchanges()[0]?.text).toMatch(/^TRUE\|/);
  });

  it('verifies Pay.’s published HMAC test vectors (sha512 official, sha256) over the raw body', () => {
    const file = join(import.meta.dirname, '../fixtures/provider-specs/examples/paynl_exchange_hmac_vectors.json');
    const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as {
      vectors: { headers: Record<string, string>; secret: string; raw_body: string }[];
    };
    for (const vector of vectors) {
      const keyId = vector.headers['signature-keyid'] ?? '';
      const config = {
        connectUrl: '',
        restUrl: '',
        tokenCode: keyId.startsWith('AT') ? keyId : null,
        apiToken: keyId.startsWith('AT') ? vector.secret : null,
        serviceId: keyId.startsWith('SL') ? keyId : 'SL-0000-0000',
        serviceSecret: keyId.startsWith('SL') ? vector.secret : null,
        testMode: true,
        exchangeUrl: null,
      };
      const call = {
        method: 'POST',
        url: '/paynl/exchange',
        headers: vector.headers,
        rawBody: Buffer.from(vector.raw_body),
      };
      const parsed = parseExchange(call, config);
      // The official vector signs an empty body: the signature is valid, the (empty) content unreadable.
      if (vector.raw_body === '') expect(parsed).toEqual({ ok: false, reason: 'unreadable' });
      else expect(parsed.ok && parsed.exchange.verified).toBe(true);
      const tampered = parseExchange({ ...call, rawBody: Buffer.from(`${vector.raw_body} `) }, config);
      expect(tampered).toEqual({ ok: false, reason: 'signature_invalid' });
    }
  });
});

describe('SoftPOS payments typed on the device', () => {
  it('land in the unmatched list and are assigned to a customer’s invoices in one step', async () => {
    const { counter, fake } = await setup();
    const { customerId, invoices } = await customerWithInvoices(counter, 2);
    const [first, second] = invoices;
    if (!first || !second) throw new Error('need invoices');
    const amount = first.outstandingMinor + 50;
    const { answer } = await fake.devicePayment({ terminalCode: SOFTPOS, amountMinor: amount });
    expect(answer?.text).toBe('TRUE| unmatched device payment recorded');
    const [unmatched] = await counter.call('unmatched.list', {});
    expect(unmatched).toMatchObject({ amount: { minor: amount, currency: 'EUR' }, terminalId: SOFTPOS });
    expect(unmatched?.cardLast4).toMatch(/^\d{4}$/);

    const assigned = await counter.call('unmatched.assign', {
      unmatchedId: unmatched?.id ?? '',
      customerId,
      invoiceIds: [],
    });
    expect(assigned.status).toBe('approved');
    expect(assigned.allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(amount);
    expect(await counter.call('unmatched.list', {})).toEqual([]);
    expect(
      (await counter.refusal('unmatched.assign', { unmatchedId: unmatched?.id, customerId, invoiceIds: [] })).code,
    ).toBe('unmatched_already_assigned');
    const items = await counter.call('sync.items', {});
    expect(items.map((i) => i.kind)).toEqual(['payment.approved', 'payment.receipt']);
  });

  it('takes the legacy device exchange only after Pay. confirms the transaction', async () => {
    const { counter, fake } = await setup();
    const { answer } = await fake.devicePayment({ terminalCode: SOFTPOS, amountMinor: 1234, format: 'legacy' });
    expect(answer?.text).toBe('TRUE| unmatched device payment recorded');
    expect(fake.seen.some((r) => r.method === 'GET' && r.path.startsWith('/v2/transactions/'))).toBe(true);
    expect((await counter.call('unmatched.list', {}))[0]?.amount.minor).toBe(1234);
  });
});
