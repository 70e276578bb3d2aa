import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVippsWebhook, vippsAuthorization } from '../../electron/core/payments/vipps/vipps-webhook';
import { until } from '../helpers/provider-harness';
import { requestMobilePay as request, vippsCounterPerTest } from '../helpers/provider-tests';

/** Vipps' webhook signature against its published test vectors, and a webhook whose answer is lost. */

const { setup } = vippsCounterPerTest();

describe('Vipps webhook signatures', () => {
  const vectors = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/provider-specs/examples/signature_test_vectors.json'), 'utf8'),
  ) as Record<string, { secret: string; url: string; x_ms_date: string; body: string; expected_authorization: string }>;

  for (const name of ['vipps_official', 'vipps_computed']) {
    it(`matches the ${name} test vector, and refuses a changed body`, () => {
      const v = vectors[name];
      if (!v) throw new Error('missing vector');
      const hash = createHash('sha256').update(v.body).digest('base64');
      expect(vippsAuthorization({ url: v.url, secret: v.secret }, v.x_ms_date, hash)).toBe(v.expected_authorization);
      const call = (body: string) => ({
        method: 'POST',
        url: '/vipps/webhook',
        headers: { 'x-ms-date': v.x_ms_date, 'x-ms-content-sha256': hash, authorization: v.expected_authorization },
        rawBody: Buffer.from(body),
      });
      const at = new Date(Date.parse(v.x_ms_date) + 1000);
      const checked = verifyVippsWebhook(call(v.body), { url: v.url, secret: v.secret }, at);
      // The official vector's body is not an ePayment event: signed correctly, then not understood.
      expect(checked.ok || (!checked.ok && checked.reason === 'unknown_format')).toBe(true);
      expect(verifyVippsWebhook(call(`${v.body} `), { url: v.url, secret: v.secret }, at)).toEqual({
        ok: false,
        reason: 'content_hash_mismatch',
      });
      expect(
        verifyVippsWebhook(call(v.body), { url: v.url, secret: v.secret }, new Date(at.getTime() + 3_600_000)),
      ).toEqual({
        ok: false,
        reason: 'stale',
      });
    });
  }

  it('waits for the poll when the webhook answer is lost', async () => {
    const harness = await setup({ fake: { webhookMode: 'off' } });
    const { payment } = await request(harness, 2300);
    harness.fake.approve(payment.reference);
    await until(
      async () => (await harness.counter.call('payments.get', { paymentId: payment.id })).status === 'approved',
    );
  });
});
