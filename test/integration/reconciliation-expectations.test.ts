import { describe, expect, it } from 'vitest';
import { vippsCounterPerTest } from '../helpers/provider-tests';

const { setup } = vippsCounterPerTest();

describe('What is normal per provider, before the first import', () => {
  it('every configured provider with settlement data can have its expectations set before anything was imported', async () => {
    const { counter } = await setup({
      fake: { webhookMode: 'off' },
      engine: { reconciliation: { schedule: false, pageGapMs: 0 } },
    });
    const status = await counter.call('reconciliation.status', {});
    expect(status.accounts).toEqual([]);
    const before = await counter.call('reconciliation.expectations', {});
    // Vipps (configured for this counter) and the demo's Checkout.com and PayTrace; Pay. has no settings here.
    expect(before).toEqual([
      { provider: 'checkout', settleDays: 5, maxFeeBps: 400 },
      { provider: 'paytrace', settleDays: 3, maxFeeBps: 500 },
      { provider: 'vipps', settleDays: 4, maxFeeBps: 400 },
    ]);
    expect(
      await counter.call('reconciliation.configure', { provider: 'vipps', settleDays: 2, maxFeeBps: 250 }),
    ).toEqual({ provider: 'vipps', settleDays: 2, maxFeeBps: 250 });
    expect(await counter.call('reconciliation.expectations', {})).toContainEqual({
      provider: 'vipps',
      settleDays: 2,
      maxFeeBps: 250,
    });
    expect(
      (await counter.refusal('reconciliation.configure', { provider: 'nope', settleDays: 3, maxFeeBps: 100 })).code,
    ).toBe('not_found');
  });
});
