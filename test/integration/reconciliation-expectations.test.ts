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

  it("a manager sets the shop's time zone for reconciliation's days (audited); an unknown zone is refused", async () => {
    const { counter } = await setup({
      fake: { webhookMode: 'off' },
      engine: { reconciliation: { schedule: false, pageGapMs: 0 } },
    });
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(await counter.call('reconciliation.timeZone', {})).toEqual({
      timeZone: system,
      source: 'system',
      systemTimeZone: system,
    });
    expect((await counter.refusal('reconciliation.setTimeZone', { timeZone: 'Mars/Olympus' })).code).toBe(
      'invalid_request',
    );
    expect(await counter.call('reconciliation.setTimeZone', { timeZone: 'Europe/Amsterdam' })).toEqual({
      timeZone: 'Europe/Amsterdam',
      source: 'setting',
      systemTimeZone: system,
    });
    expect((await counter.call('reconciliation.report', { day: '2026-01-15' })).timeZone).toBe('Europe/Amsterdam');
    const { items } = await counter.call('audit.list', { action: 'settings.shop.timeZone.save' });
    expect(items).toEqual([expect.objectContaining({ after: { timeZone: 'Europe/Amsterdam', source: 'setting' } })]);
    expect((await counter.call('reconciliation.setTimeZone', { timeZone: null })).source).toBe('system');
  });
});
